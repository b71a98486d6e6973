using System.Globalization;
using SecureStack.Audit.Chain;
using SecureStack.Audit.Storage;

namespace SecureStack.Audit.Tests;

public sealed class RotationTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-24T23:59:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void Append_RotatesBySize_AndTheChainContinuesAcrossFiles()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 60, options: new AuditLogOptions { Path = dir.LogPath, MaxFileBytes = 4096 });

        var rotated = new SegmentFiles(dir.LogPath).Rotated();
        Assert.NotEmpty(rotated);
        Assert.All(rotated, f => Assert.True(new FileInfo(f).Length >= 4096 - 400));
        var first = AuditLogReader.ReadAll(dir.LogPath).First(r => r.EventType == "log_rotated");
        Assert.Equal("size", first.DetailString("reason"));
        Assert.True(new AuditChainVerifier(null).Verify(dir.LogPath).Intact);
    }

    [Fact]
    public void Append_RotatesWhenTheDayChanges()
    {
        using var dir = new TestDirectory();
        var time = new FakeTimeProvider(Start);
        using (var log = AuditLog.Open(new AuditLogOptions { Path = dir.LogPath }, time))
        {
            log.Append(AuditEvents.Sample(1));
            time.Advance(TimeSpan.FromMinutes(2));
            log.Append(AuditEvents.Sample(2));
        }

        var rotated = Assert.Single(new SegmentFiles(dir.LogPath).Rotated());
        Assert.EndsWith("audit.000000000001.jsonl", rotated, StringComparison.Ordinal);
        var rotation = AuditLogReader.ReadAll(dir.LogPath).Single(r => r.EventType == "log_rotated");
        Assert.Equal("day", rotation.DetailString("reason"));
        Assert.Equal(2, rotation.Seq);
        Assert.True(new AuditChainVerifier(null).Verify(dir.LogPath).Intact);
    }

    [Fact]
    public void Rotation_PrunesOnlyFilesPastRetention_AndRecordsIt()
    {
        using var dir = new TestDirectory();
        var time = new FakeTimeProvider(Start);
        var options = new AuditLogOptions { Path = dir.LogPath, MaxFileBytes = 4096, RetentionDays = 90 };
        AuditEvents.Write(dir.LogPath, 40, time, options);
        var segments = new SegmentFiles(dir.LogPath).Rotated();
        Assert.True(segments.Count >= 2);
        File.SetLastWriteTimeUtc(segments[0], Start.UtcDateTime.AddDays(-91));
        File.SetLastWriteTimeUtc(segments[1], Start.UtcDateTime.AddDays(-89));

        AuditEvents.Write(dir.LogPath, 40, time, options);

        var remaining = new SegmentFiles(dir.LogPath).Rotated();
        Assert.DoesNotContain(segments[0], remaining);
        Assert.Contains(segments[1], remaining);
        var prune = AuditLogReader.ReadAll(dir.LogPath).Single(r => r.EventType == "log_pruned");
        Assert.Equal(Path.GetFileName(segments[0]), prune.Details!.Value.GetProperty("files")[0].GetString());
        var result = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.True(result.Intact, result.Location + " " + result.Reason);
    }

    [Fact]
    public void Open_AfterATornWrite_StartsANewSegmentThatRecordsTheDamage()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 5);
        var intactLength = new FileInfo(dir.LogPath).Length;
        File.AppendAllText(dir.LogPath, "{\"seq\":7,\"timestamp\":\"2026-11-");
        var before = File.ReadAllBytes(dir.LogPath);

        AuditEvents.Write(dir.LogPath, 1);

        var damaged = Assert.Single(new SegmentFiles(dir.LogPath).Rotated());
        Assert.Equal(before, File.ReadAllBytes(damaged));
        var record = AuditLogReader.ReadAll(dir.LogPath).Single(r => r.EventType == "log_damaged");
        Assert.Equal(intactLength, record.DetailNumber("torn_offset"));
        Assert.Equal(Path.GetFileName(damaged), record.DetailString("segment"));
        var result = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.True(result.Intact, result.Location + " " + result.Reason);
    }

    [Fact]
    public void Verify_RejectsADamageRecordThatNamesAnotherOffset()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 3);
        File.AppendAllText(dir.LogPath, "{\"seq\":5,");
        AuditEvents.Write(dir.LogPath, 1);
        var damaged = new SegmentFiles(dir.LogPath).Rotated()[0];
        File.SetUnixFileMode(damaged, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.AppendAllText(damaged, "more\n");

        var result = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.False(result.Intact);
        Assert.Equal(damaged, result.File);
    }
}
