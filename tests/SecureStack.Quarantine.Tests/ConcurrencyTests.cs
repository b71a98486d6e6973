using SecureStack.Quarantine.State;

namespace SecureStack.Quarantine.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void TwoWatcherProcessesAndTheCli_SweepingTheSameRoots_QuarantineEachSkillOnce()
    {
        using var f = new QuarantineFixture();
        for (var i = 0; i < 12; i++)
        {
            QuarantineFixture.MakeSkill(i % 2 == 0 ? f.WorkspaceRoot : f.ManagedRoot, $"skill{i}", i % 3 == 0 ? "MALICIOUS-MARKER" : "benign");
        }

        // Same name in both roots: a clash both sweepers meet.
        QuarantineFixture.MakeSkill(f.WorkspaceRoot, "clash", "MALICIOUS-MARKER");
        QuarantineFixture.MakeSkill(f.ManagedRoot, "clash", "MALICIOUS-MARKER");
        f.Open();

        using var a = TestHostProcess.Start(f, "sweep", "5");
        using var b = TestHostProcess.Start(f, "sweep", "5");
        var manager = f.Open();
        for (var round = 0; round < 3; round++)
        {
            foreach (var skill in f.Options.SkillRoots.SelectMany(SkillDiscovery.Find))
            {
                try
                {
                    manager.Check(skill);
                }
                catch (IOException) when (!Directory.Exists(skill))
                {
                    // A sweeper process quarantined it between listing and checking.
                }
            }
        }

        Assert.True(a.WaitForExit(TimeSpan.FromSeconds(120)) && b.WaitForExit(TimeSpan.FromSeconds(120)), "sweepers did not finish");
        Assert.True(a.ExitCode + b.ExitCode == 0, a.Errors() + b.Errors());

        var quarantined = manager.GetQuarantined();
        Assert.Equal(6, quarantined.Count); // skill0, 3, 6, 9 and both clashes
        Assert.Equal(quarantined.Count, quarantined.Select(q => q.QuarantinePath).Distinct().Count());
        Assert.All(quarantined, q => Assert.True(Directory.Exists(q.QuarantinePath)));
        Assert.Equal(8, manager.List().Count(r => r.Status == SkillStatus.Active));
        Assert.Equal(8, f.Options.SkillRoots.SelectMany(SkillDiscovery.Find).Count());
        Assert.Equal(6, f.AuditRecords().Count(r => r.EventType == "skill_quarantine"));
    }
}
