using SecureStack.Scanner.Tests.Corpus;

namespace SecureStack.Scanner.Tests.Evasions;

/// <summary>The rules added for issue 15's evasions raise nothing high on the 51 real skills bundled with OpenClaw.</summary>
[Collection(EvasionCollection.Name)]
public sealed class EvasionBundledSkillsTests
{
    private static readonly string[] AddedRules =
    [
        "SS-DOWNLOAD-THEN-RUN", "SS-CRED-EXFIL-LINKED", "SS-PY-BYTECODE-NO-SOURCE", "SS-PY-BYTECODE-UNREADABLE", "SS-ARCHIVE-UNSCANNED",
        "SS-SYMLINK-SKILL", "SS-PERL-REVERSE-SHELL", "SS-RUBY-REVERSE-SHELL", "SS-PHP-REVERSE-SHELL", "SS-PS-REVERSE-SHELL",
        "SS-PERL-DOWNLOAD-EXEC", "SS-RUBY-DOWNLOAD-EXEC", "SS-PHP-DOWNLOAD-EXEC", "SS-PS-DOWNLOAD-EXEC", "SS-APPLESCRIPT-DOWNLOAD-EXEC",
        "SS-APPLESCRIPT-PASSWORD-PROMPT",
    ];

    private readonly SkillScanner _scanner;

    public EvasionBundledSkillsTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Fact]
    public void AddedRules_AreAllKnownToTheScanner()
    {
        var known = _scanner.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(AddedRules, id => Assert.Contains(id, known));
    }

    [OpenClawSkillsFact]
    public void BundledSkills_NoHighFindingFromTheAddedRules()
    {
        var reports = _scanner.ScanMany(SecureStack.Scanner.Skills.SkillTarget.Expand(OpenClawSkills.Folder!));

        var added = reports.SelectMany(r => r.Findings.Where(f => f.Severity >= Severity.High && AddedRules.Contains(f.RuleId))
            .Select(f => $"{Path.GetFileName(r.SkillPath)}: {f.RuleId} {f.File}:{f.Line} {f.Message}")).ToList();
        Assert.Equal(51, reports.Count);
        Assert.True(added.Count == 0, string.Join('\n', added));
    }
}
