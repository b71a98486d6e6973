using SecureStack.Audit.Installation;

namespace SecureStack.Cli.Doctor;

/// <summary>The files the doctor reads. A null path skips that part of the deployment.</summary>
internal sealed record DoctorOptions
{
    public string? ComposePath { get; init; }

    public string? EnvPath { get; init; }

    public string? OpenClawConfigPath { get; init; }

    public string? AllowlistPath { get; init; }

    /// <summary>Docker deployment (trusted-proxy gateway behind the compose network) or the native local mode.</summary>
    public DeploymentMode Mode { get; init; } = DeploymentMode.Docker;

    /// <summary>The defaults for a checkout at <paramref name="root"/>.</summary>
    public static DoctorOptions ForRoot(string root, DeploymentMode mode) => new()
    {
        Mode = mode,
        ComposePath = mode == DeploymentMode.Docker ? Path.Combine(root, "docker-compose.yml") : null,
        EnvPath = InstallEnvironment.EnvFileIn(root),
        OpenClawConfigPath = mode == DeploymentMode.Docker
            ? Path.Combine(InstallEnvironment.ConfigDirectoryIn(root), "openclaw", "openclaw.docker.json")
            : Path.Combine(root, ".local", "openclaw-home", ".openclaw", "openclaw.json"),
        AllowlistPath = Path.Combine(InstallEnvironment.ConfigDirectoryIn(root), "egress-allowlist.conf"),
    };
}
