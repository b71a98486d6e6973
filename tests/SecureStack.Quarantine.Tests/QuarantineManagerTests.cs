using SecureStack.Quarantine.State;
using SecureStack.Quarantine.TestHost;

namespace SecureStack.Quarantine.Tests;

public sealed class QuarantineManagerTests : IDisposable
{
    private readonly QuarantineFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Quarantine_MovesTheFolderOutOfTheRoot_WritesTheNotice_RecordsAndAuditsIt()
    {
        var skill = QuarantineFixture.MakeSkill(_f.ManagedRoot, "evil", "run this", ("scripts/run.sh", "echo ok\ncurl x | sh # MALICIOUS-MARKER\n"));
        var manager = _f.Open();

        var record = manager.Quarantine(skill, _f.Scanner.Scan(skill));

        Assert.False(Directory.Exists(skill));
        Assert.Equal(SkillStatus.Quarantined, record.Status);
        Assert.Equal(skill, record.Path);
        Assert.StartsWith(_f.Options.QuarantineDirectory + "/", record.QuarantinePath, StringComparison.Ordinal);
        Assert.Equal("echo ok\ncurl x | sh # MALICIOUS-MARKER\n", File.ReadAllText(Path.Combine(record.QuarantinePath!, "scripts", "run.sh")));
        var notice = File.ReadAllText(Path.Combine(Path.GetDirectoryName(record.QuarantinePath)!, "QUARANTINED.md"));
        Assert.Contains("TEST_MALICIOUS", notice, StringComparison.Ordinal);
        Assert.Contains("| scripts/run.sh | 2 |", notice, StringComparison.Ordinal);
        Assert.Contains(skill, notice, StringComparison.Ordinal);
        Assert.True(manager.IsQuarantined("evil"));
        Assert.Equal(record.Id, Assert.Single(manager.GetQuarantined()).Id);
        var audit = _f.AuditRecords().Single(r => r.EventType == "skill_quarantine");
        Assert.Equal("blocked", audit.Result);
        Assert.Equal("critical", audit.RiskLevel);
        Assert.Equal(skill, audit.DetailString("path"));
    }

    [Fact]
    public void Quarantine_SameNameInTwoRoots_KeepsBothApart()
    {
        var a = QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "twin", "MALICIOUS-MARKER a");
        var b = QuarantineFixture.MakeSkill(_f.ManagedRoot, "twin", "MALICIOUS-MARKER b");
        var manager = _f.Open();

        var first = manager.Quarantine(a, _f.Scanner.Scan(a));
        var second = manager.Quarantine(b, _f.Scanner.Scan(b));

        Assert.NotEqual(first.QuarantinePath, second.QuarantinePath);
        Assert.Contains("MALICIOUS-MARKER a", File.ReadAllText(Path.Combine(first.QuarantinePath!, "SKILL.md")), StringComparison.Ordinal);
        Assert.Contains("MALICIOUS-MARKER b", File.ReadAllText(Path.Combine(second.QuarantinePath!, "SKILL.md")), StringComparison.Ordinal);
        Assert.Equal(2, manager.GetQuarantined().Count);
        var ambiguous = Assert.Throws<QuarantineException>(() => manager.Find("twin"));
        Assert.Contains($"#{first.Id}", ambiguous.Message, StringComparison.Ordinal);
        Assert.Equal(b, manager.Find(second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Path);
    }

    [Fact]
    public void Check_QuarantinesFlagged_KeepsClean_AndDoesNotRescanUnchanged()
    {
        var evil = QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "evil", "MALICIOUS-MARKER");
        var fine = QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "fine", "weather lookup");
        var mild = QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "mild", "SUSPICIOUS-MARKER below the high threshold");
        var manager = _f.Open();

        Assert.Equal(SkillCheckOutcome.Quarantined, manager.Check(evil).Outcome);
        Assert.Equal(SkillCheckOutcome.Clean, manager.Check(fine).Outcome);
        Assert.Equal(SkillCheckOutcome.Clean, manager.Check(mild).Outcome);
        var scans = _f.Scanner.Scans;
        Assert.Equal(SkillCheckOutcome.Unchanged, manager.Check(fine).Outcome);
        Assert.Equal(scans, _f.Scanner.Scans);

        File.AppendAllText(Path.Combine(fine, "SKILL.md"), "now with MALICIOUS-MARKER\n");
        Assert.Equal(SkillCheckOutcome.Quarantined, manager.Check(fine).Outcome);
        Assert.False(Directory.Exists(fine));
        Assert.True(Directory.Exists(mild));
        Assert.Contains(_f.AuditRecords(), r => r.EventType == "skill_scan" && r.Result == "flagged");
    }

    [Fact]
    public void Rescan_StaysQuarantinedWhileFlagged_AndReleasesAfterAFix()
    {
        var skill = QuarantineFixture.MakeSkill(_f.ManagedRoot, "fixable", "MALICIOUS-MARKER");
        var manager = _f.Open();
        var record = manager.Quarantine(skill, _f.Scanner.Scan(skill));

        var still = manager.Rescan("fixable");
        Assert.False(still.Released);
        Assert.True(manager.IsQuarantined("fixable"));

        File.WriteAllText(Path.Combine(record.QuarantinePath!, "SKILL.md"), "---\nname: fixable\ndescription: fixed\n---\nharmless\n");
        var fixedResult = manager.Rescan("fixable");

        Assert.True(fixedResult.Released);
        Assert.Equal(SkillStatus.Active, fixedResult.Record.Status);
        Assert.Contains("harmless", File.ReadAllText(Path.Combine(skill, "SKILL.md")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(record.QuarantinePath)));
        Assert.False(manager.IsQuarantined("fixable"));
        Assert.Equal(SkillCheckOutcome.Unchanged, manager.Check(skill).Outcome);
        Assert.Contains(_f.AuditRecords(), r => r.EventType == "skill_release");
    }

    [Fact]
    public void Release_RefusesWhileFlagged_AndRestoresWhenCleanUnderCurrentRules()
    {
        var skill = QuarantineFixture.MakeSkill(_f.ManagedRoot, "borderline", "SUSPICIOUS-MARKER");
        var manager = _f.Open();
        manager.Quarantine(skill, _f.Scanner.Scan(skill));

        // Released because the current threshold (high) does not flag a medium finding.
        var released = manager.Release("borderline", "admin");

        Assert.Equal(SkillStatus.Active, released.Status);
        Assert.True(Directory.Exists(skill));

        var evil = QuarantineFixture.MakeSkill(_f.ManagedRoot, "evil", "MALICIOUS-MARKER");
        manager.Quarantine(evil, _f.Scanner.Scan(evil));
        var refused = Assert.Throws<QuarantineException>(() => manager.Release("evil", "admin"));
        Assert.Contains("still flagged", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(evil));
        var release = _f.AuditRecords().Single(r => r.EventType == "skill_release");
        Assert.Equal("admin", release.UserId);
    }

    [Fact]
    public void ForceOverride_NeedsTheExactPhrase_RecordsWhoAndWhen_AndAnyLaterChangeRequarantines()
    {
        var skill = QuarantineFixture.MakeSkill(_f.ManagedRoot, "risky", "MALICIOUS-MARKER");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var manager = _f.Open(time);
        manager.Quarantine(skill, _f.Scanner.Scan(skill));

        var wrong = Assert.Throws<QuarantineException>(() => manager.ForceOverride("risky", "alice", "yes I accept"));
        Assert.Contains(QuarantineManager.AcknowledgementPhrase("risky"), wrong.Message, StringComparison.Ordinal);
        Assert.True(manager.IsQuarantined("risky"));

        var overridden = manager.ForceOverride("risky", "alice", "I accept the risk of running risky");

        Assert.Equal(SkillStatus.Overridden, overridden.Status);
        Assert.Equal("alice", overridden.OverrideUser);
        Assert.Equal(time.GetUtcNow(), overridden.OverrideAt);
        Assert.True(Directory.Exists(skill));
        Assert.Equal(SkillCheckOutcome.Unchanged, manager.Check(skill).Outcome);
        Assert.Equal(overridden.Checksum, manager.GetPin("risky")!.Checksum);

        File.AppendAllText(Path.Combine(skill, "SKILL.md"), "one more line\n");
        var after = manager.Check(skill);

        Assert.Equal(SkillCheckOutcome.Quarantined, after.Outcome);
        Assert.Contains("changed after an override by alice", after.Record!.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(skill));
        var records = _f.AuditRecords();
        var audit = Assert.Single(records, r => r.EventType == "skill_override");
        Assert.Equal("high", audit.RiskLevel);
        Assert.Equal("alice", audit.UserId);
        Assert.Equal(2, records.Count(r => r.EventType == "skill_quarantine"));
    }

    [Fact]
    public void Restore_RefusesWhenTheOriginalPathIsOccupied()
    {
        var skill = QuarantineFixture.MakeSkill(_f.ManagedRoot, "taken", "MALICIOUS-MARKER");
        var manager = _f.Open();
        manager.Quarantine(skill, _f.Scanner.Scan(skill));
        QuarantineFixture.MakeSkill(_f.ManagedRoot, "taken", "someone else's skill");

        var error = Assert.Throws<QuarantineException>(() => manager.ForceOverride("taken", "bob", QuarantineManager.AcknowledgementPhrase("taken")));

        Assert.Contains("occupied", error.Message, StringComparison.Ordinal);
        Assert.Contains("someone else's", File.ReadAllText(Path.Combine(skill, "SKILL.md")), StringComparison.Ordinal);
        Assert.True(manager.IsQuarantined("taken"));
    }

    [Fact]
    public void Quarantine_AcrossFilesystems_CopiesSyncsAndDeletes()
    {
        if (!Directory.Exists("/dev/shm"))
        {
            Assert.Fail("/dev/shm (tmpfs) is needed for a second filesystem");
        }

        using var f = new QuarantineFixture(rootBase: "/dev/shm");
        var skill = QuarantineFixture.MakeSkill(f.ManagedRoot, "remote", "MALICIOUS-MARKER", ("bin/tool", "#!/bin/sh\necho hi\n"));
        File.SetUnixFileMode(Path.Combine(skill, "bin", "tool"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(skill, "link"), "/etc/passwd");
        var checksum = f.Scanner.Checksum(skill);
        var manager = f.Open();

        var record = manager.Quarantine(skill, f.Scanner.Scan(skill));

        Assert.False(Directory.Exists(skill));
        Assert.Equal(checksum, f.Scanner.Checksum(record.QuarantinePath!));
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(record.QuarantinePath!, "link")).LinkTarget);
        Assert.True(File.GetUnixFileMode(Path.Combine(record.QuarantinePath!, "bin", "tool")).HasFlag(UnixFileMode.UserExecute));
        Assert.Empty(Directory.GetDirectories(f.Options.QuarantineDirectory, "*partial*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Options_RefuseAQuarantineDirectoryInsideASkillRoot()
    {
        var options = _f.Options with { QuarantineDirectory = Path.Combine(_f.ManagedRoot, ".quarantine") };

        var error = Assert.Throws<QuarantineConfigurationException>(() => QuarantineManager.Open(options, _f.Scanner, _f.OpenAudit()));

        Assert.Contains(QuarantineOptions.QuarantineDirectoryVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ReadFromTheEnvironment_TakeTheVariablesAndDefaultToOpenClawsRoots()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/home/u", ["SECURESTACK_SKILL_ROOTS"] = "/a/skills:/b/skills" };

        var fromEnv = QuarantineEnvironment.Read(env: k => env.GetValueOrDefault(k));
        var defaults = QuarantineEnvironment.Read(env: k => k == "HOME" ? "/home/u" : null);

        Assert.Equal(["/a/skills", "/b/skills"], fromEnv.SkillRoots);
        Assert.Equal("/home/u/.securestack/quarantine.db", fromEnv.DatabasePath);
        Assert.Equal(
            ["/home/u/.openclaw/workspace/skills", "/home/u/.openclaw/workspace/.agents/skills", "/home/u/.agents/skills", "/home/u/.openclaw/skills"],
            defaults.SkillRoots);
    }

    [Fact]
    public void ScanAndQuarantine_QuarantinesAtOrAboveTheThreshold()
    {
        QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "evil", "MALICIOUS-MARKER");
        QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "mild", "SUSPICIOUS-MARKER");
        var manager = _f.Open();

        var results = manager.ScanAndQuarantine([_f.WorkspaceRoot], SecureStack.Scanner.Verdicts.VerdictLevel.Suspicious);

        Assert.Equal(2, results.Count(r => r.Outcome == SkillCheckOutcome.Quarantined));
        Assert.Empty(SkillDiscovery.Find(_f.WorkspaceRoot));
    }

    [Fact]
    public void QuarantineFlagged_UsesTheCallersReports_AndLeavesSkillsBelowTheThreshold()
    {
        var evil = QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "evil", "MALICIOUS-MARKER");
        var mild = QuarantineFixture.MakeSkill(_f.WorkspaceRoot, "mild", "SUSPICIOUS-MARKER");
        var manager = _f.Open();
        var reports = new[] { _f.Scanner.Scan(evil), _f.Scanner.Scan(mild) };
        var scans = _f.Scanner.Scans;

        var results = manager.QuarantineFlagged(reports, SecureStack.Scanner.Verdicts.VerdictLevel.Malicious);

        Assert.Equal(evil, Assert.Single(results).Path);
        Assert.Equal(scans, _f.Scanner.Scans);
        Assert.False(Directory.Exists(evil));
        Assert.True(Directory.Exists(mild));
    }

    [Fact]
    public void Check_APinnedSkillInstalledUnchanged_IsClean()
    {
        var staged = QuarantineFixture.MakeSkill(Path.Combine(_f.Directory, "staged"), "pinned", "harmless");
        var manager = _f.Open();
        manager.Pin("pinned", _f.Scanner.Checksum(staged), "install-policy", null);
        var installed = QuarantineFixture.MakeSkill(_f.ManagedRoot, "pinned", "harmless");

        Assert.Equal(SkillCheckOutcome.Clean, manager.Check(installed).Outcome);
        Assert.DoesNotContain(_f.AuditRecords(), r => r.Action == "skill_pin_mismatch");
    }

    [Fact]
    public void Check_APinnedSkillInstalledWithOtherContent_IsQuarantined_AndTheMismatchAudited()
    {
        var staged = QuarantineFixture.MakeSkill(Path.Combine(_f.Directory, "staged"), "pinned", "harmless");
        var manager = _f.Open();
        manager.Pin("pinned", _f.Scanner.Checksum(staged), "install-policy", null);
        var installed = QuarantineFixture.MakeSkill(_f.ManagedRoot, "pinned", "harmless, edited after the install");

        var result = manager.Check(installed);

        Assert.Equal(SkillCheckOutcome.Quarantined, result.Outcome);
        Assert.Contains("changed after it was approved", result.Record!.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(installed));
        var mismatch = Assert.Single(_f.AuditRecords(), r => r.Action == "skill_pin_mismatch");
        Assert.Equal(_f.Scanner.Checksum(staged), mismatch.DetailString("pinned"));
    }

    /// <summary>
    /// Regression (found by the whole-stack scenarios): once the watcher had recorded an approved skill as clean, a
    /// later change was rescanned without looking at the pin, so an approved skill could be rewritten unnoticed.
    /// </summary>
    [Theory]
    [InlineData("edit")]
    [InlineData("add")]
    public void Check_AnApprovedSkillAlreadyCheckedClean_ChangedLater_IsQuarantined(string change)
    {
        var staged = QuarantineFixture.MakeSkill(Path.Combine(_f.Directory, "staged"), "approved", "harmless", ("scripts/clock.sh", "#!/bin/sh\ndate\n"));
        var manager = _f.Open();
        manager.Pin("approved", _f.Scanner.Checksum(staged), "install-policy", null);
        var installed = QuarantineFixture.MakeSkill(_f.ManagedRoot, "approved", "harmless", ("scripts/clock.sh", "#!/bin/sh\ndate\n"));
        Assert.Equal(SkillCheckOutcome.Clean, manager.Check(installed).Outcome);

        // (A mode change is covered with the real scanner's checksum in tests/security; this fake hashes content only.)
        if (change == "edit")
        {
            File.AppendAllText(Path.Combine(installed, "SKILL.md"), "Also mention the weather.\n");
        }
        else
        {
            File.WriteAllText(Path.Combine(installed, "notes.txt"), "added later\n");
        }

        Assert.Equal(SkillCheckOutcome.Quarantined, manager.Check(installed).Outcome);
        Assert.False(Directory.Exists(installed));
        Assert.Single(_f.AuditRecords(), r => r.Action == "skill_pin_mismatch" && r.Result == "flagged");
    }
}
