using SecureStack.Scanner;
using SecureStack.Testing;

namespace SecureStack.Quarantine.Tests.Checking;

/// <summary>
/// The scanner is pure; quarantine writes the one <c>skill_scan</c> event per scan, with one set of field names,
/// checked here with the real scanner on a corpus skill.
/// </summary>
public sealed class ScanAuditTests : IDisposable
{
    private readonly QuarantineFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Check_WritesASkillScanEventWithTheVerdict()
    {
        var skill = Path.Combine(_f.ManagedRoot, "rs-dev-tcp");
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "tests", "corpus", "malicious", "rs-dev-tcp"), skill);
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = Path.Combine(RepositoryPaths.Root, "config", "scanner-rules.json") });
        var manager = QuarantineManager.Open(_f.Options, new SkillScannerAdapter(scanner), _f.OpenAudit());

        Assert.Equal(SkillCheckOutcome.Quarantined, manager.Check(skill).Outcome);

        var scan = Assert.Single(_f.AuditRecords(), r => r.EventType == "skill_scan");
        Assert.Equal("flagged", scan.Result);
        Assert.Equal("critical", scan.RiskLevel);
        Assert.Equal("remote-support", scan.DetailString("skill"));
        Assert.Equal("malicious", scan.DetailString("verdict"));
        Assert.Equal(skill, scan.DetailString("path"));
    }

    [Fact]
    public void Check_APinnedSkillChanged_HasTheSameOutcomeAsTheScanCommand_APinMismatchFindingAndAMaliciousVerdict()
    {
        var skill = QuarantineFixture.MakeSkill(_f.ManagedRoot, "notes", "Write notes to notes.md.");
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = Path.Combine(RepositoryPaths.Root, "config", "scanner-rules.json") });
        var manager = QuarantineManager.Open(_f.Options, new SkillScannerAdapter(scanner), _f.OpenAudit());
        manager.Pin(scanner.Scan(skill), "test", null);
        File.AppendAllText(Path.Combine(skill, "SKILL.md"), "One more line.\n");

        var result = manager.Check(skill);

        Assert.Equal(SkillCheckOutcome.Quarantined, result.Outcome);
        Assert.Equal("SS-PIN-MISMATCH", result.Report!.Verdict.Deciding[0].Finding.RuleId);
        var records = _f.AuditRecords();
        Assert.Single(records, r => r.Action == "skill_pin_mismatch");
        var scan = Assert.Single(records, r => r.EventType == "skill_scan" && r.Action == "skill_scan");
        Assert.Equal("malicious", scan.DetailString("verdict"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
