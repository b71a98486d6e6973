using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>Alarming-looking but fine skills in tests/corpus/benign: every one is judged clean.</summary>
public sealed class BenignCorpusTests : IClassFixture<ScannerFixture>
{
    private static readonly string Folder = Path.Combine(TestPaths.Corpus, "benign");
    private readonly SkillScanner _scanner;

    public BenignCorpusTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Fact]
    public void Corpus_HasAtLeastTwentySkillsAndEveryOneIsClean()
    {
        var skills = Directory.GetDirectories(Folder).Order(StringComparer.Ordinal).ToList();
        Assert.True(skills.Count >= 20, $"only {skills.Count} benign samples");
        var reports = _scanner.ScanMany(skills);
        var flagged = reports.Where(r => r.Verdict.Level != VerdictLevel.Clean)
            .Select(r => $"{Path.GetFileName(r.SkillPath)}: {r.Verdict.Level} {r.Verdict.Score}: {string.Join("; ", r.Verdict.Deciding.Select(d => $"{d.Finding.RuleId} {d.Finding.File}:{d.Finding.Line} {d.Why}"))}")
            .ToList();
        Assert.True(flagged.Count == 0, $"benign corpus: {flagged.Count}/{skills.Count} not judged clean:\n{string.Join('\n', flagged)}");
    }
}
