using System.Diagnostics;
using System.Security.Cryptography;
using SecureStack.Audit.Installation;
using SecureStack.Cli.Doctor;
using SecureStack.Cli.Tests.Doctor;

namespace SecureStack.Cli.Tests.Installation;

/// <summary>
/// An install as install.sh --local leaves it, in a temporary folder: the root with .env, config/ and the gateway
/// config; the binary (a hard-linked copy of this test's build) with the install marker beside it; and a working
/// directory elsewhere. <see cref="RunAsync"/> runs that binary there with none of the stack's variables set.
/// </summary>
internal sealed class InstalledCli : IDisposable
{
    private static readonly string[] StackVariables =
    [
        "SECURESTACK_CONFIG_DIR", "SECURESTACK_DB", "SECURESTACK_QUARANTINE_DIR", "SECURESTACK_SKILL_ROOTS", "SECURESTACK_AUDIT_DIR",
        "SECURESTACK_HOME", "SECURESTACK_ENV_FILE", "SECURESTACK_MODE", "AUDIT_LOG_PATH", "AUDIT_HMAC_KEY", "AUDIT_HEAD_PATH", "EGRESS_ALLOWLIST",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-installed-").FullName;
    private readonly DeploymentFiles _files = new(DeploymentMode.Local);

    public InstalledCli(bool marker = true)
    {
        Directory.CreateDirectory(Path.Combine(Home, "config"));
        Directory.CreateDirectory(Path.GetDirectoryName(OpenClawConfig)!);
        Directory.CreateDirectory(Elsewhere);
        Directory.CreateDirectory(SkillRoot);
        Directory.CreateDirectory(AuditDirectory);
        foreach (var file in new[] { "scanner-rules.json", "prompt-rules.json" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "config", file), Path.Combine(Home, "config", file));
        }

        File.Copy(_files.Allowlist, Path.Combine(Home, "config", "egress-allowlist.conf"));
        File.Copy(_files.OpenClawConfig, OpenClawConfig);
        File.Copy(_files.Env, EnvFile);
        File.SetUnixFileMode(EnvFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LinkCopy(AppContext.BaseDirectory, Binary);
        if (marker)
        {
            File.WriteAllText(Path.Combine(Binary, InstallEnvironment.MarkerFileName), string.Join('\n',
                "# as install.sh writes it", $"SECURESTACK_HOME={Home}", $"SECURESTACK_ENV_FILE={EnvFile}", "SECURESTACK_MODE=local",
                $"SECURESTACK_CONFIG_DIR={Path.Combine(Home, "config")}", $"SECURESTACK_DB={Database}", $"SECURESTACK_QUARANTINE_DIR={QuarantineDirectory}",
                $"SECURESTACK_SKILL_ROOTS={SkillRoot}", $"SECURESTACK_AUDIT_DIR={AuditDirectory}", ""));
        }
    }

    public string Home => Path.Combine(_dir, "home");

    public string Binary => Path.Combine(_dir, "bin");

    /// <summary>The working directory: neither the repository nor the install.</summary>
    public string Elsewhere => Path.Combine(_dir, "elsewhere");

    public string EnvFile => Path.Combine(Home, ".env");

    public string OpenClawConfig => Path.Combine(Home, ".local", "openclaw-home", ".openclaw", "openclaw.json");

    public string Database => Path.Combine(Home, ".local", "state", "securestack.db");

    public string QuarantineDirectory => Path.Combine(Home, ".local", "state", "quarantine");

    public string SkillRoot => Path.Combine(Home, ".local", "openclaw-home", ".openclaw", "skills");

    public string AuditDirectory => Path.Combine(Home, ".local", "state", "audit");

    /// <summary>The HMAC key the install's writers use (from its .env).</summary>
    public string HmacKey => File.ReadAllLines(EnvFile).Single(l => l.StartsWith("AUDIT_HMAC_KEY=", StringComparison.Ordinal))["AUDIT_HMAC_KEY=".Length..];

    /// <summary>The installed binary, run from <see cref="Elsewhere"/> without the stack's variables (HOME is a fresh folder).</summary>
    public Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(params string[] arguments) =>
        CliProcess.RunInAsync(new CliInvocation { BinaryDirectory = Binary, WorkingDirectory = Elsewhere, Environment = CleanEnvironment(Elsewhere) }, arguments);

    /// <summary>The stack's variables removed, HOME moved to a fresh folder under <paramref name="directory"/>.</summary>
    public static Dictionary<string, string?> CleanEnvironment(string directory)
    {
        var home = Directory.CreateDirectory(Path.Combine(directory, "home-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)))).FullName;
        var environment = StackVariables.ToDictionary(v => v, _ => (string?)null);
        environment["HOME"] = home;
        return environment;
    }

    public void Dispose()
    {
        _files.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>cp -al: a copy of the build that costs no space, so the binary's own folder holds the marker.</summary>
    private static void LinkCopy(string from, string to)
    {
        var start = new ProcessStartInfo("cp") { RedirectStandardError = true };
        foreach (var argument in new[] { "-al", Path.TrimEndingDirectorySeparator(from), to })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"cp -al failed: {error}");
    }
}
