namespace SecureStack.Testing;

/// <summary>The repository root, found from the test output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The <c>securestack</c> CLI from its own build output (same configuration as the tests), with its own deps.json:
    /// a copy in a test's output folder would resolve Microsoft.Extensions.* against the test's framework set.
    /// </summary>
    public static string CliAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(Root, "src", "SecureStack.Cli", "bin", configuration, "net10.0", "securestack.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException("the CLI is not built: " + path);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureStack.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no SecureStack.slnx above {AppContext.BaseDirectory}");
    }
}
