using System.Net;
using SecureStack.Egress.Addresses;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Rendering;

namespace SecureStack.Egress.Tests.Rendering;

public sealed class RenderingTests : IDisposable
{
    private static readonly EgressAllowlist List = AllowlistParser.Parse(
        "api.openai.com\n*.anthropic.com\napi.openai.com:8443\n*.com\n", "config/egress-allowlist.conf");

    private static readonly EgressRenderOptions Options = new()
    {
        UpstreamDns = [IPAddress.Parse("192.0.2.53"), IPAddress.Parse("2001:db8::53")],
        DnsListen = [IPAddress.Loopback, IPAddress.Parse("10.77.0.1")],
        AddressPolicy = AddressPolicy.Create(["198.18.0.0/15"], "--treat-as-public"),
        ClientNetworks = [IPNetwork.Parse("10.77.0.0/24"), IPNetwork.Parse("fd00:77::/64")],
        ProxyPort = 3129,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("egress-render-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Dnsmasq_AnswersNxdomainExceptForAllowlistedNames()
    {
        var config = DnsmasqConfigRenderer.Render(List, Options);
        var lines = config.Split('\n');

        Assert.Contains("address=/#/", lines);
        Assert.Contains("stop-dns-rebind", lines);
        Assert.Contains("no-resolv", lines);
        Assert.Contains("listen-address=127.0.0.1", lines);
        Assert.Contains("listen-address=10.77.0.1", lines);
        Assert.Equal(
            [
                "server=/api.openai.com/192.0.2.53", "server=/api.openai.com/2001:db8::53",
                "server=/*.anthropic.com/192.0.2.53", "server=/*.anthropic.com/2001:db8::53",
            ],
            lines.Where(l => l.StartsWith("server=", StringComparison.Ordinal)));
        Assert.Equal(
            [
                "nftset=/api.openai.com/4#inet#securestack_egress#allow4_443,6#inet#securestack_egress#allow6_443,4#inet#securestack_egress#allow4_8443,6#inet#securestack_egress#allow6_8443",
                "nftset=/*.anthropic.com/4#inet#securestack_egress#allow4_443,6#inet#securestack_egress#allow6_443",
            ],
            lines.Where(l => l.StartsWith("nftset=", StringComparison.Ordinal)));
        Assert.DoesNotContain("/com/", config, StringComparison.Ordinal);
        Assert.Equal(["address=/#/", "address=/*.api.openai.com/"], lines.Where(l => l.StartsWith("address=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dnsmasq_LeavesSubdomainsOfAnExactNameToACoveringWildcard()
    {
        var list = AllowlistParser.Parse("api.example.org\n*.example.org\nexample.org\nother.example.net\n", "a.conf");

        var lines = DnsmasqConfigRenderer.Render(list, Options).Split('\n');

        Assert.Equal(["address=/#/", "address=/*.other.example.net/"], lines.Where(l => l.StartsWith("address=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Dnsmasq_ConfigPassesDnsmasqsOwnSyntaxCheck()
    {
        var path = Path.Combine(_directory, "dnsmasq.conf");
        await File.WriteAllTextAsync(path, DnsmasqConfigRenderer.Render(List, Options));

        var (exitCode, output, error) = await ProcessRunner.RunAsync("dnsmasq", ["--test", "-C", path], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("syntax check OK", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nftables_AllowsOnlyResolvedAddressesOnTheirPorts()
    {
        var ruleset = NftablesRulesetRenderer.Render(List, Options);
        var rules = ruleset.Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("type filter hook output priority filter; policy drop;", rules);
        Assert.Contains("type filter hook forward priority filter; policy drop;", rules);
        Assert.Contains("ip daddr @allow4_443 tcp dport 443 counter accept", rules);
        Assert.Contains("ip6 daddr @allow6_8443 tcp dport 8443 counter accept", rules);
        Assert.Contains("ip6 daddr 2001:db8::53 udp dport 53 accept", rules);
        Assert.Equal("counter log prefix \"egress-drop: \" drop", rules[rules.IndexOf("ip6 daddr @allow6_8443 tcp dport 8443 counter accept") + 1]);
        // DNS to the upstream comes before the never-reachable sets, which come before the allowed sets.
        Assert.True(rules.IndexOf("ip daddr 192.0.2.53 udp dport 53 accept") < rules.FindIndex(r => r.StartsWith("ip daddr @never4", StringComparison.Ordinal)));
        Assert.True(rules.FindIndex(r => r.StartsWith("ip daddr @never4", StringComparison.Ordinal)) < rules.IndexOf("ip daddr @allow4_443 tcp dport 443 counter accept"));
        var never4 = rules.Single(r => r.StartsWith("elements = { 255.255.255.255/32", StringComparison.Ordinal));
        Assert.Contains("10.0.0.0/8", never4, StringComparison.Ordinal);
        Assert.Contains("100.64.0.0/10", never4, StringComparison.Ordinal);
        Assert.DoesNotContain("198.18.0.0/15", never4, StringComparison.Ordinal);
    }

    [Fact]
    public void Nftables_InputIsOpenOnlyToClientsOnProxyAndDnsPorts()
    {
        var rules = NftablesRulesetRenderer.Render(List, Options).Split('\n').Select(l => l.Trim()).ToList();

        var start = rules.IndexOf("type filter hook input priority filter; policy drop;");
        Assert.True(start > 0);
        Assert.Equal(
            [
                "iifname \"lo\" accept",
                "ct state established,related accept",
                "meta l4proto { icmp, ipv6-icmp } accept",
                "ip saddr 10.77.0.0/24 tcp dport 3129 accept",
                "ip saddr 10.77.0.0/24 meta l4proto { tcp, udp } th dport 53 accept",
                "ip6 saddr fd00:77::/64 tcp dport 3129 accept",
                "ip6 saddr fd00:77::/64 meta l4proto { tcp, udp } th dport 53 accept",
                "counter log prefix \"egress-in-drop: \" drop",
            ],
            rules.Skip(start + 1).Take(8));
        Assert.DoesNotContain("chain input", NftablesRulesetRenderer.Render(List, Options with { ClientNetworks = [] }), StringComparison.Ordinal);
    }

    [Fact]
    public void Nftables_WithoutOverridesKeepsBenchmarkingSpaceUnreachable()
    {
        var ruleset = NftablesRulesetRenderer.Render(List, Options with { AddressPolicy = AddressPolicy.Default });

        Assert.Contains("198.18.0.0/15", ruleset, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Nftables_RulesetLoadsIntoTheKernel()
    {
        var path = Path.Combine(_directory, "egress.nft");
        await File.WriteAllTextAsync(path, NftablesRulesetRenderer.Render(List, Options));

        // A private network namespace, so the host's own rules are never touched; loading twice proves it replaces itself.
        var (exitCode, output, error) = await ProcessRunner.RunAsync(
            "unshare", ["--net", "sh", "-c", $"nft -f '{path}' && nft -f '{path}' && nft list table inet securestack_egress"], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("set allow4_8443", output, StringComparison.Ordinal);
        Assert.Contains("set never6", output, StringComparison.Ordinal);
        Assert.Contains("tcp dport 3129 accept", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--upstream-dns")]
    [InlineData("--dns-listen")]
    [InlineData("table name")]
    [InlineData("--proxy-port")]
    public void Options_AreValidatedNamingTheSetting(string expected)
    {
        var options = expected switch
        {
            "--upstream-dns" => Options with { UpstreamDns = [] },
            "--dns-listen" => Options with { DnsListen = [] },
            "--proxy-port" => Options with { ProxyPort = 0 },
            _ => Options with { Table = "bad name" },
        };

        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => DnsmasqConfigRenderer.Render(List, options)).Message, StringComparison.Ordinal);
    }
}
