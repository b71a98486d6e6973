using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Audit.Chain;
using SecureStack.Audit.Storage;

namespace SecureStack.Audit.Tests.Chain;

/// <summary>
/// The reviewer's truncation attacks on a keyed log, made on the files a real writer left, then what the next
/// writer does on open and what verify says. Before the fix the writer adopted the shorter tail and overwrote
/// the head file, so truncate-and-append verified as intact.
/// </summary>
public sealed class TruncationTests : IDisposable
{
    private readonly TestDirectory _dir = new();
    private readonly byte[] _key = Encoding.UTF8.GetBytes("truncation-key-" + Guid.NewGuid());

    public void Dispose() => _dir.Dispose();

    private string HeadPath => _dir.LogPath + ".head";

    private AuditLogOptions Options => new() { Path = _dir.LogPath, HmacKey = _key };

    [Fact]
    public void TruncateAndAppend_WriterRecordsLogTruncatedChainedFromTheHead_AndVerifyFails()
    {
        AuditEvents.Write(_dir.LogPath, 10, options: Options);
        var head = HeadFile.Read(HeadPath)!.Head;
        CutLines(3);

        AuditEvents.Write(_dir.LogPath, 1, options: Options);

        var records = AuditLogReader.ReadAll(_dir.LogPath).ToList();
        var truncated = Assert.Single(records, r => r.EventType == "log_truncated");
        Assert.Equal("tail_behind_head", truncated.Action);
        Assert.Equal("high", truncated.RiskLevel);
        Assert.Equal(head.Seq + 1, truncated.Seq);
        Assert.Equal(head.Hash, truncated.Prev);
        Assert.Equal(7, truncated.DetailNumber("tail_seq"));
        // The head moved on from the known head, never back to the shorter tail.
        Assert.Equal(head.Seq + 2, HeadFile.Read(HeadPath)!.Head.Seq);

        var result = new AuditChainVerifier(_key).Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.Contains("cut short", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncationWhileTheWriterIsOpen_IsCaughtAtTheNextAppend()
    {
        using var log = AuditLog.Open(Options);
        for (var i = 0; i < 6; i++)
        {
            log.Append(AuditEvents.Sample(i));
        }

        CutLines(2);
        log.Append(AuditEvents.Sample(99));

        var truncated = Assert.Single(AuditLogReader.ReadAll(_dir.LogPath), r => r.EventType == "log_truncated");
        Assert.Equal(7, truncated.Seq);
    }

    [Fact]
    public void DeletedHeadFile_FailsVerify_AndTheWriterRecordsIt()
    {
        AuditEvents.Write(_dir.LogPath, 5, options: Options);
        File.Delete(HeadPath);

        var result = new AuditChainVerifier(_key).Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.Contains("head file is missing", result.Reason, StringComparison.Ordinal);

        AuditEvents.Write(_dir.LogPath, 1, options: Options);
        Assert.Contains(AuditLogReader.ReadAll(_dir.LogPath), r => r is { EventType: "log_truncated", Action: "head_file_missing" });
    }

    [Fact]
    public void RewrittenHeadFile_FailsItsHmac_AndTheWriterDoesNotTrustIt()
    {
        AuditEvents.Write(_dir.LogPath, 8, options: Options);
        CutLines(3);
        // The head rewritten to name the new last record, as an intruder without the key would.
        var last = AuditLogReader.ReadAll(_dir.LogPath).Last();
        var forged = JsonNode.Parse(File.ReadAllText(HeadPath))!;
        forged["seq"] = last.Seq;
        forged["hash"] = last.Hash;
        File.WriteAllText(HeadPath, forged.ToJsonString());

        var result = new AuditChainVerifier(_key).Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.Equal(HeadPath, result.File);
        Assert.Contains("HMAC does not match", result.Reason, StringComparison.Ordinal);

        AuditEvents.Write(_dir.LogPath, 1, options: Options);
        Assert.Contains(AuditLogReader.ReadAll(_dir.LogPath), r => r is { EventType: "log_truncated", Action: "head_file_invalid" });
    }

    [Fact]
    public void DeletedActiveFileWithItsHead_BesideRotatedFiles_FailsVerify_AndTheWriterRecordsIt()
    {
        var options = Options with { MaxFileBytes = 4096 };
        AuditEvents.Write(_dir.LogPath, 40, options: options);
        Assert.NotEmpty(new SegmentFiles(_dir.LogPath).Rotated());
        File.Delete(_dir.LogPath);
        File.Delete(HeadPath);

        var result = new AuditChainVerifier(_key).Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.Contains("active file is missing", result.Reason, StringComparison.Ordinal);

        AuditEvents.Write(_dir.LogPath, 1, options: options);
        Assert.False(new AuditChainVerifier(_key).Verify(_dir.LogPath).Intact);
        Assert.Contains(AuditLogReader.ReadAll(_dir.LogPath), r => r.EventType == "log_truncated");
    }

    [Fact]
    public void DeletedActiveFile_WithTheHeadOnASecondPath_IsCaughtByThatHead()
    {
        using var other = new TestDirectory();
        var headPath = Path.Combine(other.Path, "audit.head");
        var options = Options with { HeadPath = headPath };
        AuditEvents.Write(_dir.LogPath, 5, options: options);
        Assert.False(File.Exists(HeadPath));
        File.Delete(_dir.LogPath);

        var result = new AuditChainVerifier(_key).Verify(_dir.LogPath, headPath);
        Assert.False(result.Intact);

        AuditEvents.Write(_dir.LogPath, 1, options: options);
        var truncated = Assert.Single(AuditLogReader.ReadAll(_dir.LogPath), r => r.EventType == "log_truncated");
        Assert.Equal("tail_behind_head", truncated.Action);
        Assert.Equal(6, truncated.Seq);
    }

    [Fact]
    public void WithoutAKey_AnHmacChainIsCheckedForLinksOnly_AndAPlainSha256RecordInItIsForged()
    {
        AuditEvents.Write(_dir.LogPath, 4, options: Options);
        var verifier = new AuditChainVerifier(null);

        var linksOnly = verifier.Verify(_dir.LogPath);
        Assert.True(linksOnly.Intact, linksOnly.Reason);
        Assert.Equal(ChainAlgorithm.HmacSha256WithoutKey, linksOnly.Algorithm);

        var last = ChainHead.FromLine(Encoding.UTF8.GetBytes(File.ReadAllLines(_dir.LogPath)[^1]))!;
        var forged = AuditRecordCodec.Encode(new AuditEvent(AuditEventType.SkillOverride, "forged", AuditResult.Success, RiskLevel.High),
            last.Seq + 1, DateTimeOffset.UtcNow, last.Hash, new ChainHasher(null), out _);
        File.AppendAllText(_dir.LogPath, Encoding.UTF8.GetString(forged));
        var result = verifier.Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.Contains("forged", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AWriterWithoutTheKey_RefusesAnHmacChainedLog()
    {
        AuditEvents.Write(_dir.LogPath, 2, options: Options);

        var ex = Assert.Throws<AuditLogUnavailableException>(() => AuditLog.Open(new AuditLogOptions { Path = _dir.LogPath }));
        Assert.Contains("AUDIT_HMAC_KEY is not set", ex.Message, StringComparison.Ordinal);
    }

    private void CutLines(int count)
    {
        var lines = File.ReadAllLines(_dir.LogPath);
        File.WriteAllText(_dir.LogPath, string.Concat(lines[..^count].Select(l => l + "\n")));
    }
}
