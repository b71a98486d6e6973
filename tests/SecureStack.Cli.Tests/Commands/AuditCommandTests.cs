using System.Text.Json;

namespace SecureStack.Cli.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-cli-audit-").FullName;

    private string LogPath => Path.Combine(_dir, "audit.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Log_AppendsAnEventThatTailPrintsAsJson()
    {
        var (exit, _, error) = CliRun.Invoke("audit", "log", "--log", LogPath, "--type", "config_warning", "--action", "install_check",
            "--result", "flagged", "--risk", "low", "--detail", "step=tls", "--detail", "note=a=b");
        Assert.True(exit == 0, error);

        var tail = CliRun.Invoke("audit", "tail", "--log", LogPath, "--type", "config_warning", "--json");
        Assert.Equal(0, tail.Exit);
        using var doc = JsonDocument.Parse(tail.Output.Trim());
        Assert.Equal("install_check", doc.RootElement.GetProperty("action").GetString());
        Assert.Equal("flagged", doc.RootElement.GetProperty("result").GetString());
        Assert.Equal("a=b", doc.RootElement.GetProperty("details").GetProperty("note").GetString());
    }

    [Fact]
    public void Tail_FiltersByTypeAndTime()
    {
        CliRun.Invoke("audit", "log", "--log", LogPath, "--type", "auth_failure", "--action", "bearer", "--result", "failure", "--risk", "medium");
        CliRun.Invoke("audit", "log", "--log", LogPath, "--type", "egress_blocked", "--action", "connect", "--result", "blocked", "--risk", "high");

        var byType = CliRun.Invoke("audit", "tail", "--log", LogPath, "--type", "egress_blocked");
        Assert.Contains("egress_blocked", byType.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("auth_failure", byType.Output, StringComparison.Ordinal);
        Assert.Empty(CliRun.Invoke("audit", "tail", "--log", LogPath, "--since", "2999-01-01T00:00:00Z").Output);
        Assert.Contains("auth_failure", CliRun.Invoke("audit", "tail", "--log", LogPath, "--since", "1h").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ExitsZeroForAnIntactLog_AndOneWithTheFirstBadLineForATamperedOne()
    {
        for (var i = 0; i < 3; i++)
        {
            CliRun.Invoke("audit", "log", "--log", LogPath, "--type", "auth_failure", "--action", "bearer", "--result", "failure", "--risk", "medium");
        }

        var intact = CliRun.Invoke("audit", "verify", LogPath);
        Assert.Equal(0, intact.Exit);
        Assert.StartsWith("intact:", intact.Output, StringComparison.Ordinal);

        var lines = File.ReadAllLines(LogPath);
        lines[1] = lines[1].Replace("\"medium\"", "\"low\"", StringComparison.Ordinal);
        File.WriteAllLines(LogPath, lines);
        var tampered = CliRun.Invoke("audit", "verify", LogPath);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains($"TAMPERED: {LogPath}:2: hash does not match", tampered.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit", "verify", "/nonexistent/audit.jsonl")]
    [InlineData("audit", "log", "--log", "/tmp/x.jsonl", "--type", "no_such_type", "--action", "a", "--result", "success", "--risk", "low")]
    [InlineData("audit", "log", "--log", "/tmp/x.jsonl", "--type", "auth_failure", "--action", "a", "--result", "maybe", "--risk", "low")]
    [InlineData("audit", "log", "--type", "auth_failure")]
    [InlineData("audit", "tail", "--log", "/tmp/x.jsonl", "--since", "yesterday-ish")]
    [InlineData("audit", "frobnicate")]
    public void UsageAndIoErrors_ExitWithTwo(params string[] args)
    {
        var (exit, _, error) = CliRun.Invoke(args);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Help_DocumentsExitCodes()
    {
        var (exit, output, _) = CliRun.Invoke("audit", "verify", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }
}
