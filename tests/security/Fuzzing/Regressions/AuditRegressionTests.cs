using SecureStack.Audit;
using SecureStack.Audit.Chain;

namespace SecureStack.Security.Tests.Fuzzing.Regressions;

/// <summary>Logs that used to make the verifier throw instead of reporting.</summary>
public sealed class AuditRegressionTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fuzz-regression-");

    private string LogPath => Path.Combine(_dir.FullName, "audit.jsonl");

    [Theory]
    [InlineData("{\"seq\":1.5,\"hash\":\"00\"}")]
    [InlineData("{\"seq\":1e400,\"hash\":\"00\"}")]
    [InlineData("{\"seq\":-2186642,\"hash\":\"-n^e]\"}")]
    [InlineData("{\"seq\":0,\"hash\":\"not-a-hash\"}")]
    public void Verify_HeadFileWithABadSeqOrHash_ReportsAnUnreadableHeadFile(string head)
    {
        Write(new AuditEvent(AuditEventType.ServiceStart, "start", AuditResult.Success, RiskLevel.Info));
        File.WriteAllText(LogPath + ".head", head);

        var result = new AuditChainVerifier(null).Verify(LogPath);

        Assert.False(result.Intact);
        Assert.StartsWith("the head file is unreadable", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LogPrunedWithATextThroughSeqAfterADeletedFirstLine_ReportsTheMissingStart()
    {
        Write(
            new AuditEvent(AuditEventType.PolicyDenied, "deny", AuditResult.Blocked, RiskLevel.Medium),
            new AuditEvent(AuditEventType.SkillRelease, "release", AuditResult.Success, RiskLevel.Low),
            new AuditEvent(AuditEventType.LogPruned, "prune", AuditResult.Success, RiskLevel.Info)
            {
                Details = new Dictionary<string, object?> { ["through_seq"] = "one", ["last_hash"] = "x" },
            });
        File.WriteAllLines(LogPath, File.ReadAllLines(LogPath).Skip(1));

        var result = new AuditChainVerifier(null).Verify(LogPath);

        Assert.False(result.Intact);
        Assert.Contains("no log_pruned record accounts for", result.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private void Write(params AuditEvent[] events)
    {
        using var log = AuditLog.Open(new AuditLogOptions { Path = LogPath, RotateDaily = false });
        foreach (var e in events)
        {
            log.Append(e);
        }
    }
}
