namespace SecureStack.Scanner.Tests.Trust;

public sealed class RegistryMetadataReaderTests
{
    private const string Clean = "---\nname: tidy\ndescription: d\n---\n\nFormats text.\n";

    // origin.json's spellings: author.verified, flat installs/reviewCount/stars, updatedAt in epoch milliseconds (2026-11-04).
    private const string OriginJson = "{\"author\": {\"verified\": true}, \"installs\": 1200, \"reviewCount\": 4, \"stars\": 4.5, \"updatedAt\": 1793750400000}";

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("origin.json")]
    [InlineData(".clawhub/origin.json")]
    [InlineData("_meta.json")]
    public void Scan_ReadsRegistryMetadataFromTheSkillFolder(string file)
    {
        var trust = TrustOfTidy((file, OriginJson));

        Assert.Equal(80, trust.AuthorReputation);
        Assert.Equal(1200, trust.DownloadCount);
        Assert.Equal(4, trust.CommunityReviews);
        Assert.Equal(20, trust.LastUpdateDays);
        // R = 80·.35 + 25·log10(1201)·.25 + (4.5/5·100·4/10)·.2 + 100·.2 = 74.4; overall = round((100 + 74.4) / 2).
        Assert.Equal(87, trust.Overall);
    }

    [Fact]
    public void Scan_ReadsMetaJsonBeforeOriginJson()
    {
        var trust = TrustOfTidy(("_meta.json", "{\"stats\": {\"downloads\": 10}}"), ("origin.json", "{\"stats\": {\"downloads\": 20}}"));

        Assert.Equal(10, trust.DownloadCount);
    }

    [Fact]
    public void Scan_SkipsAMetadataFileThatIsNotJsonAndReadsTheNext()
    {
        var trust = TrustOfTidy(("_meta.json", "{\"stats\": {\"downloads\": "), ("origin.json", "{\"stats\": {\"downloads\": 20}}"));

        Assert.Equal(20, trust.DownloadCount);
    }

    [Theory]
    [InlineData("{\"stats\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"updatedAt\": 1.5}")]
    [InlineData("{\"updatedAt\": 99999999999999999}")]
    [InlineData("{\"stats\": {\"downloads\": -5, \"reviews\": -1, \"rating\": -2}}")]
    public void Scan_SkillMetadataThatIsNoUsableInput_LeavesTheScoreToTheFindings(string origin)
    {
        var trust = TrustOfTidy(("origin.json", origin));

        Assert.Equal((null, null, null, null), (trust.AuthorReputation, trust.DownloadCount, trust.CommunityReviews, trust.LastUpdateDays));
        Assert.Equal(100, trust.Overall);
    }

    [Fact]
    public void ScanMany_OneSkillsBrokenOriginJson_DoesNotStopTheOthers()
    {
        using var dir = new TempDirectory();
        dir.Write("broken/SKILL.md", Clean.Replace("tidy", "broken", StringComparison.Ordinal));
        dir.Write("broken/origin.json", "{\"updatedAt\": 1.5}");
        dir.Write("tidy/SKILL.md", Clean);
        dir.Write("tidy/origin.json", OriginJson);
        using var scanner = Scanner();

        var reports = scanner.ScanMany([Path.Combine(dir.Path, "broken"), Path.Combine(dir.Path, "tidy")]);

        Assert.Equal(new[] { "broken", "tidy" }, reports.Select(r => r.SkillName));
        Assert.Equal(1200, reports[1].TrustScore!.DownloadCount);
    }

    [Fact]
    public void Scan_WithAMetadataFile_UsesItInsteadOfTheSkillsOwnReadOnceAtCreation()
    {
        using var dir = new TempDirectory();
        dir.Write("tidy/SKILL.md", Clean);
        dir.Write("tidy/_meta.json", "{\"owner\": {\"reputation\": 100}, \"stats\": {\"downloads\": 1000000}}");
        var metadata = dir.Write("registry.json", "{\"owner\": {\"reputation\": 20}, \"stats\": {\"downloads\": 0}, \"updatedAt\": \"2026-01-28T00:00:00Z\"}");
        using var scanner = Scanner(metadata);
        File.Delete(metadata);

        var trust = scanner.Scan(Path.Combine(dir.Path, "tidy")).TrustScore!;

        Assert.Equal(20, trust.AuthorReputation);
        Assert.Equal(0, trust.DownloadCount);
        Assert.Equal(300, trust.LastUpdateDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"owner\": ")]
    [InlineData("[1, 2]")]
    [InlineData("\"registry\"")]
    public void Create_WithAMetadataFileThatIsMissingOrNotAJsonObject_FailsNamingTheFile(string? content)
    {
        using var dir = new TempDirectory();
        var metadata = Path.Combine(dir.Path, "registry.json");
        if (content is not null)
        {
            File.WriteAllText(metadata, content);
        }

        var error = Assert.Throws<ScannerConfigurationException>(() => Scanner(metadata));

        Assert.StartsWith(metadata + ": registry metadata", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The trust score of a clean skill "tidy" with these metadata files in its folder.</summary>
    private static TrustScore TrustOfTidy(params (string File, string Text)[] metadataFiles)
    {
        using var dir = new TempDirectory();
        dir.Write("tidy/SKILL.md", Clean);
        foreach (var (file, text) in metadataFiles)
        {
            dir.Write(Path.Combine("tidy", file), text);
        }

        using var scanner = Scanner();
        return scanner.Scan(Path.Combine(dir.Path, "tidy")).TrustScore!;
    }

    private static SkillScanner Scanner(string? metadata = null) =>
        SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, MetadataPath = metadata, TimeProvider = new FakeTimeProvider(Now) });
}
