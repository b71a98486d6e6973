using System.Text;
using System.Text.Json;
using SecureStack.Audit.Chain;

namespace SecureStack.Audit.Tests;

public sealed class AuditLogTests
{
    [Fact]
    public void Append_WritesOneJsonLinePerEventWithTheSeedFields()
    {
        using var dir = new TestDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 30, 15, 123, TimeSpan.Zero));
        AuditEvents.Write(dir.LogPath, 2, time);

        var lines = File.ReadAllLines(dir.LogPath);
        Assert.Equal(2, lines.Length);
        using var doc = JsonDocument.Parse(lines[0]);
        var root = doc.RootElement;
        Assert.Equal(
            ["seq", "timestamp", "event_type", "source_ip", "user_id", "action", "result", "risk_level", "details", "prev", "hash"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-24T10:30:15.123Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("auth_failure", root.GetProperty("event_type").GetString());
        Assert.Equal("failure", root.GetProperty("result").GetString());
        Assert.Equal("medium", root.GetProperty("risk_level").GetString());
        Assert.Equal("192.0.2.7", root.GetProperty("source_ip").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("user_id").ValueKind);
        Assert.Equal("/v1/chat/completions", root.GetProperty("details").GetProperty("path").GetString());
    }

    [Fact]
    public void Append_LinksEachRecordToTheHashOfThePreviousOne()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 3);

        var records = File.ReadAllLines(dir.LogPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.Equal(ChainHasher.Genesis, records[0].GetProperty("prev").GetString());
        Assert.Equal(records[0].GetProperty("hash").GetString(), records[1].GetProperty("prev").GetString());
        Assert.Equal(records[1].GetProperty("hash").GetString(), records[2].GetProperty("prev").GetString());
    }

    [Fact]
    public void Append_HashesTheExactBytesWrittenWithoutTheHashField()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 1);

        var line = File.ReadAllLines(dir.LogPath)[0];
        var hashAt = line.LastIndexOf(",\"hash\":\"", StringComparison.Ordinal);
        var hashed = Encoding.UTF8.GetBytes(line[..hashAt] + "}");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hashed));
        Assert.Equal(expected, JsonDocument.Parse(line).RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public void Append_WithHmacKey_ProducesAChainOnlyThatKeyVerifies()
    {
        using var dir = new TestDirectory();
        var key = Encoding.UTF8.GetBytes("test-key-" + Guid.NewGuid());
        AuditEvents.Write(dir.LogPath, 5, options: new AuditLogOptions { Path = dir.LogPath, HmacKey = key });

        Assert.True(new AuditChainVerifier(key).Verify(dir.LogPath).Intact);
        // Without the key only the links can be checked, and the result says so rather than calling it tampered.
        var withoutKey = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.Equal(ChainAlgorithm.HmacSha256WithoutKey, withoutKey.Algorithm);
        Assert.False(new AuditChainVerifier(Encoding.UTF8.GetBytes("other-key")).Verify(dir.LogPath).Intact);
    }

    [Fact]
    public void Append_ContinuesTheChainAcrossInstances()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 3);
        AuditEvents.Write(dir.LogPath, 3);

        var result = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(6, AuditLogReader.ReadAll(dir.LogPath).Count(r => r.EventType == "auth_failure"));
    }

    [Fact]
    public void Open_WhenTheLogCannotBeCreated_ThrowsUnavailableNamingThePath()
    {
        using var dir = new TestDirectory();
        var blocker = Path.Combine(dir.Path, "not-a-directory");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, "audit.jsonl");

        var ex = Assert.Throws<AuditLogUnavailableException>(() => AuditLog.Open(new AuditLogOptions { Path = path }));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AfterTheFileBecomesUnwritable_ThrowsUnavailable()
    {
        using var dir = new TestDirectory();
        using var log = AuditLog.Open(new AuditLogOptions { Path = dir.LogPath });
        log.Append(AuditEvents.Sample());
        Directory.Delete(dir.Path, recursive: true);
        File.WriteAllText(dir.Path, "a file where the log directory was");
        try
        {
            Assert.Throws<AuditLogUnavailableException>(() => log.Append(AuditEvents.Sample()));
        }
        finally
        {
            File.Delete(dir.Path);
            Directory.CreateDirectory(dir.Path);
        }
    }

    [Fact]
    public void Dispose_WritesTheHeadFile()
    {
        using var dir = new TestDirectory();
        AuditEvents.Write(dir.LogPath, 4);

        var last = AuditLogReader.ReadAll(dir.LogPath).Last();
        using var head = JsonDocument.Parse(File.ReadAllText(dir.LogPath + ".head"));
        Assert.Equal(4, head.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(last.Hash, head.RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public void Append_WritesACheckpointWhenThePeriodHasPassed()
    {
        using var dir = new TestDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var log = AuditLog.Open(new AuditLogOptions { Path = dir.LogPath, CheckpointPeriod = TimeSpan.FromMinutes(1) }, time);
        log.Append(AuditEvents.Sample(1));
        time.Advance(TimeSpan.FromSeconds(61));
        log.Append(AuditEvents.Sample(2));

        var records = AuditLogReader.ReadAll(dir.LogPath).ToList();
        Assert.Equal(["auth_failure", "auth_failure", "log_checkpoint"], records.Select(r => r.EventType));
        Assert.Equal(2, records[2].DetailNumber("through_seq"));
        Assert.True(File.Exists(dir.LogPath + ".head"));
    }

    [Theory]
    [InlineData("AUDIT_RETENTION_DAYS", "30", "below the minimum of 90")]
    [InlineData("AUDIT_FSYNC", "sometimes", "AUDIT_FSYNC")]
    [InlineData("AUDIT_MAX_FILE_MB", "-1", "AUDIT_MAX_FILE_MB")]
    public void FromEnvironment_RejectsBadSettingsNamingThem(string name, string value, string expected)
    {
        var env = new Dictionary<string, string> { ["AUDIT_LOG_PATH"] = "/tmp/x/audit.jsonl", [name] = value };
        var ex = Assert.Throws<AuditConfigurationException>(() => AuditLogOptions.FromEnvironment(env: env.GetValueOrDefault));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_ReadsTheContractVariables()
    {
        var env = new Dictionary<string, string>
        {
            ["AUDIT_LOG_PATH"] = "/var/log/securestack/audit.jsonl",
            ["AUDIT_HMAC_KEY"] = "k",
            ["AUDIT_FSYNC"] = "interval:50",
            ["AUDIT_MAX_FILE_MB"] = "8",
            ["AUDIT_RETENTION_DAYS"] = "365",
        };
        var options = AuditLogOptions.FromEnvironment(env: env.GetValueOrDefault);

        Assert.Equal("/var/log/securestack/audit.jsonl", options.Path);
        Assert.Equal("k"u8.ToArray(), options.HmacKey);
        Assert.Equal(FsyncPolicy.Interval, options.Fsync);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.FsyncInterval);
        Assert.Equal(8L * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal(365, options.RetentionDays);
        Assert.Equal(FsyncPolicy.EveryEvent, AuditLogOptions.FromEnvironment("/x/a.jsonl", n => n == "AUDIT_FSYNC" ? "event" : null).Fsync);
        Assert.Throws<AuditConfigurationException>(() => AuditLogOptions.FromEnvironment(env: _ => null));
    }
}
