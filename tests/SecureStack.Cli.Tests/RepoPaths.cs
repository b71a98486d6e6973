namespace SecureStack.Cli.Tests;

/// <summary>Files of the checkout the tests run in (found by walking up to SecureStack.slnx).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Compose => Path.Combine(Root, "docker-compose.yml");

    public static string DockerOpenClawConfig => Path.Combine(Root, "config", "openclaw", "openclaw.docker.json");

    public static string LocalOpenClawConfigTemplate => Path.Combine(Root, "config", "openclaw", "openclaw.local.json");

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
