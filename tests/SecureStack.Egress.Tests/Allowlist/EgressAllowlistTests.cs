using SecureStack.Egress.Allowlist;

namespace SecureStack.Egress.Tests.Allowlist;

public sealed class EgressAllowlistTests
{
    private static readonly EgressAllowlist List = AllowlistParser.Parse(
        "api.openai.com\n*.anthropic.com\nfiles.example.org:8443\nplain.example.org:80\n", "a.conf");

    [Theory]
    [InlineData("api.openai.com", 443, true)]
    [InlineData("api.openai.com", 80, false)]
    [InlineData("api.openai.com", 8443, false)]
    [InlineData("x.api.openai.com", 443, false)]
    [InlineData("openai.com", 443, false)]
    [InlineData("evilapi.openai.com", 443, false)]
    [InlineData("api.openai.com.evil.example", 443, false)]
    [InlineData("api.anthropic.com", 443, true)]
    [InlineData("a.b.anthropic.com", 443, true)]
    [InlineData("anthropic.com", 443, false)]
    [InlineData("evilanthropic.com", 443, false)]
    [InlineData("anthropic.com.evil.example", 443, false)]
    [InlineData("api.anthropic.com", 80, false)]
    [InlineData("files.example.org", 8443, true)]
    [InlineData("files.example.org", 443, false)]
    [InlineData("plain.example.org", 80, true)]
    [InlineData("plain.example.org", 443, false)]
    public void Allows_MatchesHostAndPortExactly(string host, int port, bool expected) =>
        Assert.Equal(expected, List.Allows(host, port));

    [Fact]
    public void Ports_AreDistinctAndSorted() => Assert.Equal([80, 443, 8443], List.Ports);

    [Theory]
    [InlineData("API.OpenAI.com.", "api.openai.com")]
    [InlineData("api.openai.com", "api.openai.com")]
    [InlineData("api openai.com", null)]
    [InlineData("api.openai.com%00", null)]
    [InlineData("", null)]
    [InlineData("a..b", null)]
    public void Normalize_LowerCasesOrRejects(string host, string? expected) =>
        Assert.Equal(expected, HostNames.Normalize(host));
}
