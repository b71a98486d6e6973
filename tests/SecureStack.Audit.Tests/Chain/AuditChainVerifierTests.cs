using System.Text;
using SecureStack.Audit.Chain;
using SecureStack.Audit.Storage;

namespace SecureStack.Audit.Tests.Chain;

/// <summary>Tampers with real logs on disk, with rotated segments, and checks that verify names the place.</summary>
public sealed class AuditChainVerifierTests : IDisposable
{
    private readonly TestDirectory _dir = new();
    private readonly AuditChainVerifier _verifier = new(null);

    public AuditChainVerifierTests() =>
        AuditEvents.Write(_dir.LogPath, 120, options: new AuditLogOptions { Path = _dir.LogPath, MaxFileBytes = 4096 });

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<string> Segments => new SegmentFiles(_dir.LogPath).Rotated();

    [Fact]
    public void Verify_AcceptsAnUntouchedLogWithRotations()
    {
        var result = _verifier.Verify(_dir.LogPath);

        Assert.True(result.Intact, result.Location + " " + result.Reason);
        Assert.True(result.Files >= 5, $"expected several rotated files, got {result.Files}");
        Assert.True(result.Records > 120);
        Assert.All(Segments, s => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(s)));
    }

    [Fact]
    public void Verify_ReportsAnEditedField()
    {
        var file = Segments[1];
        EditLines(file, lines => lines[4] = lines[4].Replace("\"risk_level\":\"medium\"", "\"risk_level\":\"low\"", StringComparison.Ordinal));

        AssertTampered(file, 5, "hash does not match");
    }

    [Fact]
    public void Verify_ReportsADeletedLine()
    {
        var file = Segments[2];
        EditLines(file, lines => lines.RemoveAt(2));

        AssertTampered(file, 3, "sequence jumps");
    }

    [Fact]
    public void Verify_ReportsSwappedLines()
    {
        EditLines(_dir.LogPath, lines => (lines[1], lines[2]) = (lines[2], lines[1]));

        AssertTampered(_dir.LogPath, 2, "sequence jumps");
    }

    [Fact]
    public void Verify_ReportsAForgedLineInsertedWithAValidOwnHash()
    {
        var file = Segments[0];
        EditLines(file, lines =>
        {
            var previous = ChainHead.FromLine(Encoding.UTF8.GetBytes(lines[2]))!;
            var forged = AuditRecordCodec.Encode(
                new AuditEvent(AuditEventType.AuthSuccess, "forged", AuditResult.Success, RiskLevel.Info),
                previous.Seq + 1, DateTimeOffset.UtcNow, previous.Hash, new ChainHasher(null), out _);
            lines.Insert(3, Encoding.UTF8.GetString(forged).TrimEnd('\n'));
        });

        AssertTampered(file, 5, "sequence jumps");
    }

    [Fact]
    public void Verify_WithHmac_ReportsAForgedLineAppendedAtTheEnd()
    {
        using var dir = new TestDirectory();
        var key = "k-" + Guid.NewGuid();
        AuditEvents.Write(dir.LogPath, 5, options: new AuditLogOptions { Path = dir.LogPath, HmacKey = Encoding.UTF8.GetBytes(key) });
        var lines = File.ReadAllLines(dir.LogPath);
        var last = ChainHead.FromLine(Encoding.UTF8.GetBytes(lines[^1]))!;
        var forged = AuditRecordCodec.Encode(
            new AuditEvent(AuditEventType.SkillOverride, "forged", AuditResult.Success, RiskLevel.High),
            last.Seq + 1, DateTimeOffset.UtcNow, last.Hash, new ChainHasher(null), out _);
        File.AppendAllText(dir.LogPath, Encoding.UTF8.GetString(forged));

        var result = new AuditChainVerifier(Encoding.UTF8.GetBytes(key)).Verify(dir.LogPath);
        Assert.False(result.Intact);
        Assert.Equal(lines.Length + 1, result.Line);
    }

    [Fact]
    public void Verify_ReportsATailCutAtALineBoundary()
    {
        EditLines(_dir.LogPath, lines => lines.RemoveRange(lines.Count - 3, 3));

        var result = _verifier.Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.EndsWith(".head", result.File, StringComparison.Ordinal);
        Assert.Contains("tail was cut off", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ReportsATailCutInsideARecord()
    {
        var length = new FileInfo(_dir.LogPath).Length;
        using (var stream = new FileStream(_dir.LogPath, FileMode.Open))
        {
            stream.SetLength(length - 40);
        }

        var result = _verifier.Verify(_dir.LogPath);
        Assert.False(result.Intact);
        Assert.Equal(_dir.LogPath, result.File);
        Assert.Contains("incomplete record", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ReportsADeletedRotatedFileInTheMiddle()
    {
        var deleted = Segments[2];
        var next = Segments[3];
        File.Delete(deleted);

        AssertTampered(next, 1, "sequence jumps");
    }

    [Fact]
    public void Verify_ReportsADeletedOldestFileThatNoPruneRecordExplains()
    {
        var second = Segments[1];
        File.Delete(Segments[0]);

        AssertTampered(second, 1, "no log_pruned record");
    }

    [Fact]
    public void Verify_ReportsARenamedSegment()
    {
        var segment = Segments[1];
        File.Move(segment, new SegmentFiles(_dir.LogPath).SegmentPath(3));

        var result = _verifier.Verify(_dir.LogPath);
        Assert.False(result.Intact);
    }

    [Fact]
    public void Verify_ReportsAMissingLogAsSuch()
    {
        var result = _verifier.Verify(Path.Combine(_dir.Path, "nothing-here.jsonl"));

        Assert.False(result.Intact);
        Assert.Equal(0, result.Files);
    }

    private void AssertTampered(string file, int line, string reason)
    {
        var result = _verifier.Verify(_dir.LogPath);
        Assert.False(result.Intact, "tampering went unnoticed");
        Assert.Equal((file, line), (result.File, result.Line));
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    private static void EditLines(string file, Action<List<string>> edit)
    {
        var lines = File.ReadAllLines(file).ToList();
        edit(lines);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllLines(file, lines);
    }
}
