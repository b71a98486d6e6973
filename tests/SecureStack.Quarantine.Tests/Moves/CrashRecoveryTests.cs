using SecureStack.Quarantine.Moves;
using SecureStack.Quarantine.State;

namespace SecureStack.Quarantine.Tests.Moves;

/// <summary>Kills a real child process between the steps of a move, then checks that the next start completes it.</summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<bool, MoveStep> QuarantineSteps => new()
    {
        { false, MoveStep.IntentRecorded },
        { false, MoveStep.Renamed },
        { false, MoveStep.NoticeWritten },
        { true, MoveStep.IntentRecorded },
        { true, MoveStep.CopyStarted },
        { true, MoveStep.Copied },
        { true, MoveStep.Published },
        { true, MoveStep.SourceDeleteStarted },
        { true, MoveStep.SourceDeleted },
        { true, MoveStep.NoticeWritten },
    };

    public static TheoryData<bool, MoveStep> RestoreSteps => new()
    {
        { false, MoveStep.IntentRecorded },
        { false, MoveStep.Renamed },
        { true, MoveStep.CopyStarted },
        { true, MoveStep.Published },
        { true, MoveStep.SourceDeleteStarted },
        { true, MoveStep.SourceDeleted },
    };

    [Theory]
    [MemberData(nameof(QuarantineSteps))]
    public void Quarantine_KilledAtAStep_IsCompletedOnTheNextStart(bool acrossFilesystems, MoveStep step)
    {
        using var f = new QuarantineFixture(acrossFilesystems ? "/dev/shm" : null);
        var skill = MakeSkill(f);
        var checksum = f.Scanner.Checksum(skill);

        using (var child = TestHostProcess.Start(f, "quarantine", skill, step.ToString()))
        {
            Assert.True(child.WaitForLine("at " + step, StepTimeout), "child never reached " + step + ": " + child.Errors());
            child.Kill();
        }

        var manager = f.Open();

        Assert.False(Directory.Exists(skill), "the flagged skill is still in its root");
        var record = Assert.Single(manager.GetQuarantined());
        Assert.Equal(checksum, f.Scanner.Checksum(record.QuarantinePath!));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(record.QuarantinePath)!, "QUARANTINED.md")));
        Assert.Empty(Directory.GetFileSystemEntries(f.Options.QuarantineDirectory, "*" + DirectoryMover.StagingSuffix, SearchOption.AllDirectories));
        Assert.Equal(0, manager.RecoverInterruptedMoves());
        Assert.Contains(f.AuditRecords(), r => r.EventType == "skill_quarantine" && r.Result == "blocked");
    }

    [Theory]
    [MemberData(nameof(RestoreSteps))]
    public void Override_KilledAtAStep_IsCompletedOnTheNextStart(bool acrossFilesystems, MoveStep step)
    {
        using var f = new QuarantineFixture(acrossFilesystems ? "/dev/shm" : null);
        var skill = MakeSkill(f);
        var checksum = f.Scanner.Checksum(skill);
        f.Open().Quarantine(skill, f.Scanner.Scan(skill));
        f.AuditRecords();

        using (var child = TestHostProcess.Start(f, "override", "crashy", step.ToString()))
        {
            Assert.True(child.WaitForLine("at " + step, StepTimeout), "child never reached " + step + ": " + child.Errors());
            child.Kill();
        }

        var manager = f.Open();

        Assert.Equal(checksum, f.Scanner.Checksum(skill));
        var record = manager.Find("crashy");
        Assert.Equal(SkillStatus.Overridden, record.Status);
        Assert.Equal("crash-test", record.OverrideUser);
        Assert.Empty(Directory.GetFileSystemEntries(f.Options.QuarantineDirectory));
        Assert.Single(f.AuditRecords(), r => r.EventType == "skill_override");
    }

    private static string MakeSkill(QuarantineFixture f) =>
        QuarantineFixture.MakeSkill(f.ManagedRoot, "crashy", "MALICIOUS-MARKER",
            ("scripts/a.sh", "echo a\n"), ("scripts/b.sh", "echo b\n"), ("lib/deep/c.py", "print('c')\n"), ("README.md", "readme\n"));
}
