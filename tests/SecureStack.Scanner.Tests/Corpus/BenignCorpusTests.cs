namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>Alarming-looking but fine skills in tests/corpus/benign: none may reach high.</summary>
public sealed class BenignCorpusTests : IClassFixture<ScannerFixture>
{
    private static readonly string Folder = Path.Combine(TestPaths.Corpus, "benign");
    private readonly SkillScanner _scanner;

    public BenignCorpusTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Fact]
    public void Corpus_HasAtLeastTwentySkillsAndNoneIsFlaggedHigh()
    {
        var skills = Directory.GetDirectories(Folder).Order(StringComparer.Ordinal).ToList();
        Assert.True(skills.Count >= 20, $"only {skills.Count} benign samples");
        var reports = _scanner.ScanMany(skills);
        var flagged = reports.Where(r => r.IsFlagged(Severity.High))
            .Select(r => $"{Path.GetFileName(r.SkillPath)}: {string.Join("; ", r.Findings.Where(f => f.Severity >= Severity.High).Select(f => $"{f.RuleId} {f.File}:{f.Line} {f.Message}"))}")
            .ToList();
        Assert.True(flagged.Count == 0, $"benign corpus: {flagged.Count}/{skills.Count} flagged at high or above:\n{string.Join('\n', flagged)}");
    }
}
