using System.Text.Json;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>Every skill in tests/corpus/malicious must get the verdict malicious, with the rule ids its manifest names.</summary>
public sealed class MaliciousCorpusTests : IClassFixture<ScannerFixture>
{
    private static readonly string Folder = Path.Combine(TestPaths.Corpus, "malicious");
    private readonly SkillScanner _scanner;

    public MaliciousCorpusTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    public static TheoryData<string> Skills()
    {
        var data = new TheoryData<string>();
        foreach (var name in Manifest().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }
        return data;
    }

    [Fact]
    public void Manifest_ListsEverySkillFolderAndAtLeastSixty()
    {
        var folders = Directory.GetDirectories(Folder).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(folders, Manifest().Keys.Order(StringComparer.Ordinal).ToList());
        Assert.True(folders.Count >= 60, $"only {folders.Count} malicious samples");
        Assert.All(Manifest().Values, entry => Assert.NotEmpty(entry.Expect));
    }

    [Theory]
    [MemberData(nameof(Skills))]
    public void Scan_JudgesSampleMaliciousWithExpectedRules(string name)
    {
        var entry = Manifest()[name];
        var report = _scanner.Scan(Path.Combine(Folder, name));
        var ids = report.Findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        Assert.True(report.Verdict.Level == VerdictLevel.Malicious,
            $"{name} ({entry.Technique}) is {report.Verdict.Level} ({report.Verdict.Score}): {string.Join(", ", report.Verdict.Deciding.Select(d => $"{d.Finding.RuleId}={d.Points} {d.Why}"))}; found {string.Join(", ", ids)}");
        var missing = entry.Expect.Where(e => !ids.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"{name} ({entry.Technique}) misses {string.Join(", ", missing)}; found {string.Join(", ", ids)}");
    }

    [Fact]
    public void Corpus_DetectionRateIsOneHundredPercent()
    {
        var manifest = Manifest();
        var reports = _scanner.ScanMany([.. manifest.Keys.Select(k => Path.Combine(Folder, k))]);
        var detected = reports.Count(r => r.Verdict.Level == VerdictLevel.Malicious
            && manifest[Path.GetFileName(r.SkillPath)].Expect.All(id => r.Findings.Any(f => f.RuleId == id)));
        var rate = (double)detected / manifest.Count;
        Assert.True(rate >= 1.0, $"malicious corpus: {detected}/{manifest.Count} detected with expected rules ({rate:P1}); threshold 100%");
    }

    private static Dictionary<string, ManifestEntry> Manifest()
    {
        var json = File.ReadAllText(Path.Combine(Folder, "manifest.json"));
        return JsonSerializer.Deserialize(json, CorpusJsonContext.Default.DictionaryStringManifestEntry)!;
    }
}
