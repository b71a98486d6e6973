using System.Text.Json;
using SecureStack.Audit;

namespace SecureStack.Scanner.Tests;

public sealed class AuditTests
{
    [Fact]
    public void Scan_WritesASkillScanEventWithTheVerdict()
    {
        using var dir = new TempDirectory();
        var logPath = Path.Combine(dir.Path, "audit.log");
        using (var log = AuditLog.Open(new AuditLogOptions { Path = logPath, Fsync = FsyncPolicy.EveryEvent }))
        {
            using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, AuditLog = log });
            scanner.Scan(Path.Combine(TestPaths.Corpus, "malicious", "rs-dev-tcp"));
        }

        var line = File.ReadLines(logPath).Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("event_type").GetString() == "skill_scan");
        Assert.Equal("flagged", line.GetProperty("result").GetString());
        Assert.Equal("critical", line.GetProperty("risk_level").GetString());
        Assert.Equal("remote-support", line.GetProperty("details").GetProperty("skill").GetString());
    }
}
