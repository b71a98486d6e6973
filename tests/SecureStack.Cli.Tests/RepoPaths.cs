using SecureStack.Testing;

namespace SecureStack.Cli.Tests;

/// <summary>Files of the checkout the tests run in.</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryPaths.Root;

    public static string Compose => Path.Combine(Root, "docker-compose.yml");

    public static string DockerOpenClawConfig => Path.Combine(Root, "config", "openclaw", "openclaw.docker.json");

    public static string LocalOpenClawConfigTemplate => Path.Combine(Root, "config", "openclaw", "openclaw.local.json");
}
