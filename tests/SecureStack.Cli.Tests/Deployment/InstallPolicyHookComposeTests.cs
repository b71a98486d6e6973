using SecureStack.Cli.Doctor.Compose;
using SecureStack.Cli.Doctor.OpenClaw;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// In Docker, OpenClaw runs <c>securestack install-policy</c> inside its own container: a read-only root, only the
/// variables its <c>passEnv</c> names, and none of the stack's protected volumes. Without a writable place for its
/// state and audit log, the hook blocked every install ("AUDIT_LOG_PATH is not set").
/// </summary>
public sealed class InstallPolicyHookComposeTests : IDisposable
{
    private const string VolumeTarget = "/var/lib/securestack/install-policy";
    private static readonly string[] StateVariables = ["SECURESTACK_DB", "SECURESTACK_QUARANTINE_DIR", "AUDIT_LOG_PATH"];

    private static readonly ComposeService OpenClaw = ComposeFile.Load(RepoPaths.Compose).Service("openclaw")!;
    private static readonly IReadOnlyList<string> PassEnv =
        OpenClawConfig.Load(RepoPaths.DockerOpenClawConfig).Strings("security.installPolicy.exec.passEnv") ?? [];

    private readonly string _root = Directory.CreateTempSubdirectory("securestack-hook-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Hook_GetsItsStatePaths_OnAWritableVolumeOfItsOwn()
    {
        var mount = OpenClaw.Volumes.Single(v => v.Target == VolumeTarget);
        Assert.Equal("install-policy", mount.Source);
        Assert.False(mount.ReadOnly);
        foreach (var variable in StateVariables)
        {
            Assert.Contains(variable, PassEnv);
            Assert.StartsWith(VolumeTarget + "/", OpenClaw.Environment[variable]);
        }
    }

    [Fact]
    public async Task Hook_WithOnlyThePassedVariables_AllowsABenignSkill_AndWritesNothingInHome()
    {
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        var skill = Directory.CreateDirectory(Path.Combine(_root, "staged", "hello")).FullName;
        File.WriteAllText(Path.Combine(skill, "SKILL.md"), "---\nname: hello\ndescription: Greets the user.\n---\n# Hello\nSay hello to the user by name.\n");
        var request = Path.Combine(_root, "request.json");
        File.WriteAllText(request, $$"""{"protocolVersion":1,"targetType":"skill","targetName":"hello","sourcePath":"{{skill}}","sourcePathKind":"directory"}""");

        // The container's paths, moved under the test's folder; every other variable of this process is dropped
        // as OpenClaw's exec does, and HOME stands for the read-only home the hook must not need.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOME"] = home, ["SECURESTACK_CONFIG_DIR"] = Path.Combine(RepoPaths.Root, "config") };
        foreach (var variable in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(v => v.StartsWith("SECURESTACK_", StringComparison.Ordinal) || v.StartsWith("AUDIT_", StringComparison.Ordinal)))
        {
            environment.TryAdd(variable, null);
        }
        foreach (var variable in StateVariables)
        {
            environment[variable] = _root + OpenClaw.Environment[variable];
        }

        var (exitCode, output, error) = await CliProcess.RunInAsync(new CliInvocation { Environment = environment }, "install-policy", "--request", request);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"decision\":\"allow\"", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home));
        Assert.True(File.Exists(_root + OpenClaw.Environment["AUDIT_LOG_PATH"]), "the hook's decision is audited on its volume");
    }
}
