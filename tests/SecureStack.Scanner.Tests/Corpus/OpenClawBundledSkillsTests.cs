namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>The 51 skills bundled with openclaw 2026.9.6 are the real benign corpus: at most one may be flagged high.</summary>
public sealed class OpenClawBundledSkillsTests : IClassFixture<ScannerFixture>
{
    /// <summary>
    /// Flagged on purpose, each a true finding: sherpa-onnx-tts pins its runtime downloads by sha256 but its
    /// "download-model-lessac" install entry has no sha256 (SS-META-UNPINNED-DOWNLOAD), so that model archive can
    /// change on the server without anyone noticing.
    /// </summary>
    private static readonly string[] ExplainedFlags = ["sherpa-onnx-tts"];

    private readonly SkillScanner _scanner;

    public OpenClawBundledSkillsTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [OpenClawSkillsFact]
    public void BundledSkills_AtMostOneFlaggedHighAndEachExplained()
    {
        var skills = SecureStack.Scanner.Skills.SkillTarget.Expand(OpenClawSkills.Folder!);
        Assert.Equal(51, skills.Count);
        var reports = _scanner.ScanMany(skills);
        var flagged = reports.Where(r => r.IsFlagged(Severity.High)).ToList();
        var detail = string.Join('\n', flagged.Select(r => $"{Path.GetFileName(r.SkillPath)}: {string.Join("; ", r.Findings.Where(f => f.Severity >= Severity.High).Select(f => $"{f.RuleId} {f.File}:{f.Line} {f.Message}"))}"));
        Assert.True(flagged.Count <= 1, $"{flagged.Count}/51 bundled skills flagged at high or above (limit 1):\n{detail}");
        Assert.All(flagged, r => Assert.Contains(Path.GetFileName(r.SkillPath), ExplainedFlags));
    }

    [OpenClawSkillsFact]
    public void BundledSkills_UnpinnedModelDownloadIsReported()
    {
        var report = _scanner.Scan(Path.Combine(OpenClawSkills.Folder!, "sherpa-onnx-tts"));
        var finding = Assert.Single(report.Findings, f => f.RuleId == "SS-META-UNPINNED-DOWNLOAD");
        Assert.Contains("vits-piper-en_US-lessac-high.tar.bz2", finding.Message, StringComparison.Ordinal);
    }
}
