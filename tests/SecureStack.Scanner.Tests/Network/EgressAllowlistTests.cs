using SecureStack.Scanner.Network;

namespace SecureStack.Scanner.Tests.Network;

public sealed class EgressAllowlistTests
{
    private static readonly EgressAllowlist List = EgressAllowlist.Parse("egress-allowlist.conf",
    [
        "# LLM providers",
        "api.openai.com",
        "*.anthropic.com   # wildcard: subdomains only",
        "",
        "registry.example.org:8443",
    ]);

    [Theory]
    [InlineData("api.openai.com", null, true)]
    [InlineData("API.OpenAI.com.", null, true)]
    [InlineData("openai.com", null, false)]
    [InlineData("api.anthropic.com", null, true)]
    [InlineData("anthropic.com", null, false)]
    [InlineData("evilanthropic.com", null, false)]
    [InlineData("registry.example.org", 8443, true)]
    [InlineData("registry.example.org", 443, false)]
    [InlineData("webhook.site", null, false)]
    [InlineData("api.openai.com", 443, true)]
    [InlineData("api.openai.com", 8443, false)]
    public void IsAllowed_FollowsTheFileFormat(string host, int? port, bool expected)
    {
        Assert.Equal(expected, List.IsAllowed(host, port));
    }

    [Theory]
    [InlineData("*.com.*", 1)]
    [InlineData("api.example.org:99999", 1)]
    [InlineData("https://api.example.org/", 1)]
    public void Parse_RejectsBadEntriesWithFileAndLine(string entry, int line)
    {
        var error = Assert.Throws<ScannerConfigurationException>(() => EgressAllowlist.Parse("egress.conf", [entry]));
        Assert.StartsWith($"egress.conf:{line}:", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One parser for scanner and firewall: what the firewall skips, the scanner refuses with the firewall's message.</summary>
    [Theory]
    [InlineData("*.com", "is too broad; list the API hosts you need")]
    [InlineData("*.github.io", "anyone can publish hosts under github.io")]
    [InlineData("10.0.0.0/8", "is an IP range")]
    [InlineData("localhost", "not a fully qualified host name")]
    public void Parse_RefusesWhatTheFirewallSkips_WithItsMessage(string entry, string message)
    {
        var error = Assert.Throws<ScannerConfigurationException>(() => EgressAllowlist.Parse("egress.conf", ["api.openai.com", entry]));

        Assert.StartsWith("egress.conf:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("securestack egress check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithATooBroadAllowlist_FailsClosed()
    {
        using var dir = new TempDirectory();
        var allowlist = dir.Write("egress-allowlist.conf", "api.openai.com\n*.com\n");

        var error = Assert.Throws<ScannerConfigurationException>(() => SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, EgressAllowlistPath = allowlist }));

        Assert.Contains(":2: \"*.com\" is too broad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ChecksCodeDestinationsAgainstTheAllowlist()
    {
        using var dir = new TempDirectory();
        var allowlist = dir.Write("egress-allowlist.conf", "api.openai.com\n");
        dir.Write("skill/SKILL.md", "---\nname: skill\ndescription: d\n---\n\n```bash\ncurl -s https://api.openai.com/v1/models\ncurl -s https://tracker.example.net/collect\n```\n");
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules, EgressAllowlistPath = allowlist });

        var report = scanner.Scan(Path.Combine(dir.Path, "skill"));

        var unlisted = Assert.Single(report.Findings, f => f.RuleId == "SS-NET-UNLISTED");
        Assert.Contains("tracker.example.net", unlisted.Message, StringComparison.Ordinal);
        Assert.Equal(8, unlisted.Line);
    }

    [Theory]
    [InlineData("https://github.com@198.51.100.23/x", "SS-NET-USERINFO")]
    [InlineData("http://203.0.113.5:8080/p", "SS-NET-RAW-IP")]
    [InlineData("http://[2001:db8::1]/p", "SS-NET-RAW-IP")]
    public void Scan_FlagsUrlTricksInProse(string url, string rule)
    {
        using var dir = new TempDirectory();
        dir.Write("SKILL.md", $"---\nname: s\ndescription: d\n---\n\nDownload from {url} first.\n");
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });

        var report = scanner.Scan(dir.Path);

        Assert.Contains(report.Findings, f => f.RuleId == rule && f.Severity == Severity.High && f.Line == 6);
    }

    [Theory]
    [InlineData("http://192.168.1.20/api")]
    [InlineData("http://127.0.0.1:8080/health")]
    [InlineData("http://10.0.0.5/")]
    public void Scan_LeavesLocalAddressesAlone(string url)
    {
        using var dir = new TempDirectory();
        dir.Write("SKILL.md", $"---\nname: s\ndescription: d\n---\n\n`curl -s {url}`\n");
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });

        var report = scanner.Scan(dir.Path);

        Assert.DoesNotContain(report.Findings, f => f.RuleId.StartsWith("SS-NET", StringComparison.Ordinal));
    }
}
