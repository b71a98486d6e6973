using SecureStack.Egress.Allowlist;

namespace SecureStack.Egress.Tests.Allowlist;

public sealed class AllowlistParserTests
{
    [Theory]
    [InlineData("api.openai.com", "api.openai.com", false, 443)]
    [InlineData("API.Anthropic.COM", "api.anthropic.com", false, 443)]
    [InlineData("api.openai.com.", "api.openai.com", false, 443)]
    [InlineData("api.example.com:8443", "api.example.com", false, 8443)]
    [InlineData("example.com:80", "example.com", false, 80)]
    [InlineData("*.example.com", "example.com", true, 443)]
    [InlineData("*.api.example.co.uk:8443", "api.example.co.uk", true, 8443)]
    [InlineData("  api.openai.com   # the LLM", "api.openai.com", false, 443)]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example", false, 443)]
    [InlineData("a-b.c-d.example:65535", "a-b.c-d.example", false, 65535)]
    [InlineData("host.example:1", "host.example", false, 1)]
    public void Parse_AcceptsValidLine(string line, string domain, bool wildcard, int port)
    {
        var allowlist = AllowlistParser.Parse(line, "allow.conf");

        Assert.Empty(allowlist.Problems);
        var entry = Assert.Single(allowlist.Entries);
        Assert.Equal(new AllowlistEntry(domain, wildcard, port, 1), entry);
    }

    [Theory]
    [InlineData("*", "allows every host")]
    [InlineData("*:443", "allows every host")]
    [InlineData("*.", "allows every host")]
    [InlineData("*.com", "too broad")]
    [InlineData("*.io:443", "too broad")]
    [InlineData("*.co.uk", "anyone can publish hosts under co.uk")]
    [InlineData("*.amazonaws.com", "anyone can publish hosts under amazonaws.com")]
    [InlineData("*.github.io", "anyone can publish hosts under github.io")]
    [InlineData("10.0.0.0/8", "is an IP range")]
    [InlineData("0.0.0.0/0", "is an IP range")]
    [InlineData("::/0", "is an IP range")]
    [InlineData("1.2.3.4", "is an IP address")]
    [InlineData("1.2.3.4:443", "is an IP address")]
    [InlineData("2130706433", "is an IP address")]
    [InlineData("[::1]:443", "is an IP address")]
    [InlineData("2001:db8::1", "is an IP address")]
    [InlineData("https://api.openai.com", "is a URL")]
    [InlineData("api.openai.com/v1", "has a path")]
    [InlineData("api.openai.com:0", "has port \"0\"")]
    [InlineData("api.openai.com:65536", "has port \"65536\"")]
    [InlineData("api.openai.com:https", "has port \"https\"")]
    [InlineData("api.openai.com:", "has port \"\"")]
    [InlineData("api.openai.com:-1", "has port \"-1\"")]
    [InlineData(":443", "has no host name")]
    [InlineData("api.*.com", "wildcard inside a name")]
    [InlineData("*api.openai.com", "wildcard inside a name")]
    [InlineData("*.*.example.com", "wildcard inside a name")]
    [InlineData("localhost", "not a fully qualified host name")]
    [InlineData("intranet", "not a fully qualified host name")]
    [InlineData("db.localhost", "names this machine")]
    [InlineData("api.openai.com api.anthropic.com", "has spaces")]
    [InlineData("api_openai.com", "not a valid host name")]
    [InlineData("-api.openai.com", "not a valid host name")]
    [InlineData("api..openai.com", "not a valid host name")]
    [InlineData("bücher.example", "use the xn-- form")]
    [InlineData("host.123", "last label is a number")]
    public void Parse_ReportsAndSkipsInvalidOrTooBroadLine(string line, string expectedMessage)
    {
        var allowlist = AllowlistParser.Parse("api.openai.com\n" + line + "\n", "config/egress-allowlist.conf");

        var entry = Assert.Single(allowlist.Entries);
        Assert.Equal("api.openai.com", entry.Domain);
        var problem = Assert.Single(allowlist.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains(expectedMessage, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("config/egress-allowlist.conf:2: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SkipsCommentsAndBlankLinesAndKeepsLineNumbers()
    {
        const string Text = "# header\n\n   \napi.openai.com # inline\r\n\t# indented comment\n*.example.org:8443\n*.com\n";

        var allowlist = AllowlistParser.Parse(Text, "allow.conf");

        Assert.Equal([4, 6], allowlist.Entries.Select(e => e.Line));
        Assert.Equal(["api.openai.com", "*.example.org:8443"], allowlist.Entries.Select(e => e.Pattern));
        Assert.Equal("allow.conf:7: \"*.com\" is too broad; list the API hosts you need", Assert.Single(allowlist.Problems).ToString());
    }

    [Fact]
    public void Parse_ReportsDuplicateWithTheFirstLine()
    {
        var allowlist = AllowlistParser.Parse("api.openai.com\nAPI.OPENAI.COM:443\napi.openai.com:8443\n", "a.conf");

        Assert.Equal(2, allowlist.Entries.Count);
        Assert.Equal("a.conf:2: \"API.OPENAI.COM:443\" repeats line 1", Assert.Single(allowlist.Problems).ToString());
    }

    [Fact]
    public void Parse_EmptyFileAllowsNothing()
    {
        var allowlist = AllowlistParser.Parse("# nothing yet\n", "a.conf");

        Assert.Empty(allowlist.Entries);
        Assert.Empty(allowlist.Problems);
        Assert.False(allowlist.Allows("api.openai.com", 443));
    }

    [Fact]
    public void Load_NamesTheFileItCannotRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.conf");

        var error = Assert.Throws<IOException>(() => EgressAllowlist.Load(path));

        Assert.StartsWith(path + ": the egress allowlist cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShippedDefaultAllowsOnlyTheLlmApis()
    {
        var allowlist = EgressAllowlist.Load(Path.Combine(RepoPaths.Root, "config", "egress-allowlist.conf"));

        Assert.Empty(allowlist.Problems);
        Assert.Equal(["api.openai.com:443", "api.anthropic.com:443"], allowlist.Entries.Select(e => $"{e.Domain}:{e.Port}"));
        Assert.All(allowlist.Entries, e => Assert.False(e.IsWildcard));
    }
}
