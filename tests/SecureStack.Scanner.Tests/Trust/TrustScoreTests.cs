namespace SecureStack.Scanner.Tests.Trust;

public sealed class TrustScoreTests
{
    private const string Clean = "---\nname: tidy\ndescription: d\n---\n\nFormats text.\n";

    [Fact]
    public void Scan_WithoutRegistryMetadata_LeavesComponentsNull()
    {
        using var dir = new TempDirectory();
        dir.Write("tidy/SKILL.md", Clean);
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });

        var trust = scanner.Scan(Path.Combine(dir.Path, "tidy")).TrustScore!;

        Assert.Null(trust.AuthorReputation);
        Assert.Null(trust.DownloadCount);
        Assert.Null(trust.CommunityReviews);
        Assert.Null(trust.LastUpdateDays);
        Assert.Equal(100, trust.FindingsScore);
        Assert.Equal(100, trust.Overall);
    }

    [Fact]
    public void Scan_ReadsClawHubMetadataAndCombinesItWithFindings()
    {
        using var dir = new TempDirectory();
        dir.Write("tidy/SKILL.md", Clean);
        dir.Write("tidy/_meta.json", "{\"owner\": {\"reputation\": 40}, \"stats\": {\"downloads\": 9999, \"reviews\": 2, \"rating\": 4.0}, \"updatedAt\": \"2026-10-25T00:00:00Z\"}");
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)) });

        var trust = scanner.Scan(Path.Combine(dir.Path, "tidy")).TrustScore!;

        Assert.Equal(40, trust.AuthorReputation);
        Assert.Equal(9999, trust.DownloadCount);
        Assert.Equal(2, trust.CommunityReviews);
        Assert.Equal(30, trust.LastUpdateDays);
        // R = (40·.35 + 100·.25 + 16·.2 + 100·.2) / 1.0 = 62.2; overall = (100 + 62.2) / 2.
        Assert.Equal(81, trust.Overall);
    }

    [Fact]
    public void Scan_CriticalFindingCapsTheScore()
    {
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });
        var trust = scanner.Scan(Path.Combine(TestPaths.Corpus, "malicious", "rs-dev-tcp")).TrustScore!;
        Assert.True(trust.Overall <= 10, $"overall {trust.Overall}");
    }

    [Fact]
    public void Scan_CommunityAllowlistMatchesNameAndChecksumOnly()
    {
        using var dir = new TempDirectory();
        var skill = Path.Combine(dir.Path, "tidy");
        Directory.CreateDirectory(skill);
        File.WriteAllText(Path.Combine(skill, "SKILL.md"), Clean);
        var list = dir.Write("community.txt", $"# reviewed\ntidy {SkillScanner.ComputeChecksum(skill)}\n");
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, CommunityAllowlistPath = list });

        Assert.True(scanner.Scan(skill).TrustScore!.CommunityAllowlisted);
        File.AppendAllText(Path.Combine(skill, "SKILL.md"), "changed\n");
        Assert.False(scanner.Scan(skill).TrustScore!.CommunityAllowlisted);
    }
}
