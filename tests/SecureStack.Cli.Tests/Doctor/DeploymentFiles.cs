using System.Security.Cryptography;
using SecureStack.Cli.Doctor;

namespace SecureStack.Cli.Tests.Doctor;

/// <summary>
/// A copy of the shipped deployment files in a temporary directory (.env with fresh secrets, mode 600),
/// which a test may break in one place before running the doctor on it.
/// </summary>
internal sealed class DeploymentFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-doctor-").FullName;

    public DeploymentFiles(DeploymentMode mode)
    {
        Mode = mode;
        File.WriteAllText(Compose, File.ReadAllText(RepoPaths.Compose));
        File.WriteAllText(OpenClawConfig, mode == DeploymentMode.Docker
            ? File.ReadAllText(RepoPaths.DockerOpenClawConfig)
            : RenderLocalTemplate());
        File.WriteAllText(Allowlist, "# LLM APIs\napi.openai.com\napi.anthropic.com:443\n*.openai.azure.com\n");
        File.WriteAllText(Env, string.Join('\n',
            $"API_TOKEN={Secret()}", $"OPENCLAW_GATEWAY_TOKEN={Secret()}", $"OPENCLAW_HOOKS_TOKEN={Secret()}",
            $"AUDIT_HMAC_KEY={Secret()}", $"RELAY_KEY={Secret()}", "API_TOKENS=", "OPENAI_API_KEY=", "") + "\n");
        File.SetUnixFileMode(Env, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(PolicyBinary, "");
    }

    public DeploymentMode Mode { get; }

    public string Compose => Path.Combine(_dir, "docker-compose.yml");

    public string OpenClawConfig => Path.Combine(_dir, "openclaw.json");

    public string Env => Path.Combine(_dir, ".env");

    public string Allowlist => Path.Combine(_dir, "egress-allowlist.conf");

    /// <summary>Stands in for the published securestack binary that the local config names.</summary>
    public string PolicyBinary => Path.Combine(_dir, "securestack");

    public DoctorOptions Options => new()
    {
        Mode = Mode,
        ComposePath = Mode == DeploymentMode.Docker ? Compose : null,
        EnvPath = Env,
        OpenClawConfigPath = OpenClawConfig,
        AllowlistPath = Allowlist,
    };

    /// <summary>Replaces text in one file; fails the test if the text is not there (so a variant never silently tests nothing).</summary>
    public void Replace(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"{Path.GetFileName(path)} no longer contains: {from}");
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string RenderLocalTemplate() => File.ReadAllText(RepoPaths.LocalOpenClawConfigTemplate)
        .Replace("@OPENCLAW_PORT@", "18789", StringComparison.Ordinal)
        .Replace("@PROXY_PORT@", "8443", StringComparison.Ordinal)
        .Replace("@SECURESTACK_BIN@", PolicyBinary, StringComparison.Ordinal)
        .Replace("@LOG_DIR@", _dir, StringComparison.Ordinal);

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
