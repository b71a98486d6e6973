using System.Diagnostics;
using System.Text.Json;
using SecureStack.Cli.Doctor;

namespace SecureStack.Cli.Tests.Doctor;

/// <summary>The real <c>securestack doctor</c> process: exit codes and the JSON report.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_Json_ExitsZeroWithScore100_OnTheShippedDeployment()
    {
        using var files = new DeploymentFiles(DeploymentMode.Docker);

        var (exitCode, output) = await RunDoctorAsync(files, "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(100, json.RootElement.GetProperty("score").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetInt32());
        Assert.True(json.RootElement.GetProperty("checks").GetArrayLength() > 50);
    }

    [Fact]
    public async Task Doctor_ExitsOne_AndPrintsTheFix_WhenACheckFails()
    {
        using var files = new DeploymentFiles(DeploymentMode.Docker);
        files.Replace(files.Compose, "  read_only: true\n", "");

        var (exitCode, output) = await RunDoctorAsync(files);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  compose.read-only  [service proxy]", output, StringComparison.Ordinal);
        Assert.Contains("fix: add `read_only: true` to proxy", output, StringComparison.Ordinal);
        Assert.Matches(@"score: \d{1,2}/100", output);
    }

    [Fact]
    public async Task Probe_ExitsOne_ForAMissingFile()
    {
        var (exitCode, _) = await RunAsync("doctor", "probe", $"file:///nonexistent-{Guid.NewGuid():N}");

        Assert.Equal(1, exitCode);
    }

    private static Task<(int ExitCode, string Output)> RunDoctorAsync(DeploymentFiles files, params string[] extra) =>
        RunAsync(["doctor", "--compose", files.Compose, "--env", files.Env, "--openclaw-config", files.OpenClawConfig,
            "--allowlist", files.Allowlist, .. extra]);

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => CliProcess.RunAsync(null, arguments);
}
