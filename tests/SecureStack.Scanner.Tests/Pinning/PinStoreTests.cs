using SecureStack.Scanner.Pinning;

namespace SecureStack.Scanner.Tests.Pinning;

public sealed class PinStoreTests
{
    [Fact]
    public void Scan_OfAChangedPinnedSkill_IsCriticalAndSurvivesReopeningTheDatabase()
    {
        using var dir = new TempDirectory();
        var skill = Path.Combine(dir.Path, "notes");
        Directory.CreateDirectory(skill);
        File.WriteAllText(Path.Combine(skill, "SKILL.md"), "---\nname: notes\ndescription: d\n---\n\nTakes notes.\n");
        var database = Path.Combine(dir.Path, "securestack.db");

        using (var pins = PinStore.Open(database))
        using (var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, Pins = pins }))
        {
            var first = scanner.Scan(skill);
            Assert.DoesNotContain(first.Findings, f => f.RuleId == "SS-PIN-MISMATCH");
            scanner.Pin(first);
            Assert.Equal(first.Checksum, pins.Find("notes")!.Checksum);
        }

        File.Move(Path.Combine(skill, "SKILL.md"), Path.Combine(skill, "SKILL.md.bak"));
        File.Move(Path.Combine(skill, "SKILL.md.bak"), Path.Combine(skill, "SKILL.md"));
        using (var pins = PinStore.Open(database))
        using (var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, Pins = pins }))
        {
            Assert.DoesNotContain(scanner.Scan(skill).Findings, f => f.RuleId == "SS-PIN-MISMATCH");
            File.SetUnixFileMode(Path.Combine(skill, "SKILL.md"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var changed = scanner.Scan(skill);
            var mismatch = Assert.Single(changed.Findings, f => f.RuleId == "SS-PIN-MISMATCH");
            Assert.Equal(Severity.Critical, mismatch.Severity);
        }
    }

    [Fact]
    public void Open_CorruptDatabase_FailsClosedWithoutTouchingTheFile()
    {
        using var dir = new TempDirectory();
        var database = dir.Write("broken.db", "this is not a sqlite database, it only pretends to be one.........");
        var before = File.ReadAllBytes(database);

        var error = Assert.Throws<ScannerConfigurationException>(() => PinStore.Open(database));

        Assert.StartsWith(database + ":", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(database));
    }
}
