using System.Text.Json.Nodes;
using SecureStack.Audit;

namespace SecureStack.Cli.Tests.Commands;

/// <summary>
/// <c>securestack audit verify</c> as a user runs it (a child process), on logs written by the real writer:
/// the reviewer's tamper cases on a keyed log, a keyed log checked without its key (issue 16: that was a false
/// "TAMPERED"), and what a keyless check prints about its limits.
/// </summary>
public sealed class AuditVerifyProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-cli-verify-").FullName;
    private readonly string _key = "verify-key-" + Guid.NewGuid().ToString("N");

    private string LogPath => Path.Combine(_dir, "audit.jsonl");

    private string HeadPath => LogPath + ".head";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task KeyedLog_VerifiedWithItsKey_IsIntactAndNamesTheAlgorithm()
    {
        Write(4, _key);

        var (exit, output, _) = await VerifyAsync(_key);

        Assert.True(exit == 0, output);
        Assert.Contains("intact: " + LogPath, output, StringComparison.Ordinal);
        Assert.Contains("HMAC-SHA256", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyedLog_VerifiedWithoutAKey_ExitsTwoAndSaysToSetTheKey_NotTampered()
    {
        Write(4, _key);

        var (exit, output, _) = await VerifyAsync(key: "");

        Assert.True(exit == 2, output);
        Assert.Contains("HMAC-chained, no key given", output, StringComparison.Ordinal);
        Assert.Contains("set AUDIT_HMAC_KEY", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TAMPERED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeylessLog_IntactSaysWhatItCannotDetect()
    {
        Write(3, key: "");

        var (exit, output, _) = await VerifyAsync(key: "");

        Assert.True(exit == 0, output);
        Assert.Contains("plain SHA-256", output, StringComparison.Ordinal);
        Assert.Contains("cannot detect without a key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncateAndAppend_IsTampered()
    {
        Write(8, _key);
        CutLines(3);
        Write(1, _key);

        var (exit, output, _) = await VerifyAsync(_key);

        Assert.True(exit == 1, output);
        Assert.Contains("TAMPERED: " + LogPath, output, StringComparison.Ordinal);
        Assert.Contains("cut short", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheHeadFile_IsTampered()
    {
        Write(5, _key);
        CutLines(2);
        File.Delete(HeadPath);

        var (exit, output, _) = await VerifyAsync(_key);

        Assert.True(exit == 1, output);
        Assert.Contains("head file is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewritingTheHeadFile_IsTampered()
    {
        Write(6, _key);
        CutLines(2);
        var last = JsonNode.Parse(File.ReadAllLines(LogPath)[^1])!;
        var head = JsonNode.Parse(await File.ReadAllTextAsync(HeadPath))!;
        head["seq"] = (long)last["seq"]!;
        head["hash"] = (string)last["hash"]!;
        await File.WriteAllTextAsync(HeadPath, head.ToJsonString());

        var (exit, output, _) = await VerifyAsync(_key);

        Assert.True(exit == 1, output);
        Assert.Contains($"TAMPERED: {HeadPath}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheActiveFile_WithTheHeadOnASecondPath_IsTampered()
    {
        var second = Directory.CreateDirectory(Path.Combine(_dir, "other-volume")).FullName;
        var headPath = Path.Combine(second, "audit.head");
        Write(5, _key, headPath);
        File.Delete(LogPath);
        Write(1, _key, headPath);

        var (exit, output, _) = await VerifyAsync(_key, headPath);

        Assert.True(exit == 1, output);
        Assert.Contains("cut short", output, StringComparison.Ordinal);
    }

    /// <summary>Appends with the writer the stack's processes use (in-process: only verify needs to be the shipped CLI).</summary>
    private void Write(int count, string key, string headPath = "")
    {
        var options = new AuditLogOptions
        {
            Path = LogPath,
            HmacKey = key.Length > 0 ? System.Text.Encoding.UTF8.GetBytes(key) : null,
            HeadPath = headPath.Length > 0 ? headPath : null,
        };
        using var log = AuditLog.Open(options);
        for (var i = 0; i < count; i++)
        {
            log.Append(new AuditEvent(AuditEventType.AuthFailure, "bearer", AuditResult.Failure, RiskLevel.Medium)
            {
                Details = new Dictionary<string, object?> { ["n"] = i },
            });
        }
    }

    private Task<(int ExitCode, string StandardOutput, string StandardError)> VerifyAsync(string key, string headPath = "") =>
        CliProcess.RunSeparatelyAsync(Environment(key, headPath), "audit", "verify", LogPath);

    private static Dictionary<string, string> Environment(string key, string headPath) =>
        new() { ["AUDIT_HMAC_KEY"] = key, ["AUDIT_HEAD_PATH"] = headPath, ["AUDIT_LOG_PATH"] = "" };

    private void CutLines(int count)
    {
        var lines = File.ReadAllLines(LogPath);
        File.WriteAllText(LogPath, string.Concat(lines[..^count].Select(l => l + "\n")));
    }
}
