using System.Text.Json.Nodes;

namespace SecureStack.Security.Tests.Scenarios;

/// <summary>
/// THREATS.md §3 (in the design docs beside the repository: ../shared/docs/THREATS.md) against the running
/// stack: the shared table of hostile requests (<see cref="AuthBypassCases"/>: path and encoding tricks, header
/// tricks, duplicate and oddly cased headers, request smuggling, WebSocket upgrades without auth, forged
/// forwarding and identity headers, tokens in the query, oversized requests) sent byte for byte to
/// <c>securestack proxy</c> in front of the real gateway.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AuthBypassScenarios(SecureStackFixture stack)
{
    private static readonly string WrongToken = "client-" + new string('0', 48);

    /// <summary>
    /// The shared table, adjusted to the stack's production settings, plus cases only the whole stack can show.
    /// </summary>
    private static readonly Dictionary<string, (string Request, int[] Expected)> Cases = new(AuthBypassCases.Cases)
    {
        // The sanitizer is always on in production: it decodes gzip bodies on prompt routes, and this is not gzip.
        ["gzip-body-hides-prompt"] = (AuthBypassCases.Cases["gzip-body-hides-prompt"].Request, [400]),
        // 16 KiB of headers is within the production limit (PROXY_MAX_HEADER_BYTES, 32 KiB): refused as unauthenticated.
        ["oversized-header"] = (AuthBypassCases.Cases["oversized-header"].Request, [401]),
        ["oversized-header-over-default"] = (AuthBypassCases.Get("/v1/models", "Authorization: Bearer {TOKEN}\r\nX-Big: " + new string('a', 40 * 1024) + "\r\n"), [431]),
        ["hook-with-the-gateway-token-name"] = (AuthBypassCases.Post("/hooks/agent", "{\"message\":\"{CASE}\"}", "x-openclaw-token: {WRONG}\r\n"), [401]),
        ["relay-with-the-client-token"] = (AuthBypassCases.Post(SecureStackFixture.RelayPath + "/chat/completions",
            "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"{CASE}\"}]}", "Authorization: Bearer {TOKEN}\r\n"), [401]),
        ["relay-without-key"] = (AuthBypassCases.Post(SecureStackFixture.RelayPath + "/chat/completions",
            "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"{CASE}\"}]}"), [401]),
        ["websocket-upgrade-on-relay-path"] = (
            $"GET {SecureStackFixture.RelayPath}/chat/completions HTTP/1.1\r\nHost: {{HOST}}\r\nX-Case: {{CASE}}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer {TOKEN}\r\n\r\n", [401]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Fact]
    public void Table_CoversEveryKindOfTrick() => Assert.True(Cases.Count >= 25, $"{Cases.Count} cases");

    /// <summary>
    /// Attack: one hostile request from the table. Defence: the proxy's request guard (400/413/415/431) or its
    /// authentication (401 missing or malformed, 403 wrong) refuses it before forwarding. Checks: the status; the
    /// answer is the proxy's own, never the gateway's; no model call carries the case's marker and the gateway's
    /// log never mentions it; a 401/403 left an <c>auth_failure</c> record for that method; no record, answer or
    /// proxy log line contains a presented token.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileRequest_IsRefusedByTheProxy_NothingReachesTheGateway_AndTheFailureIsAuditedWithoutTheToken(string name)
    {
        var before = stack.AuditCount;
        var request = AuthBypassCases.Fill(Cases[name].Request, name, stack.ClientToken, WrongToken, stack.Proxy.Port);

        var response = await RawHttp.SendAsync(stack.Proxy.Port, request);

        var status = RawHttp.StatusOf(response);
        Assert.True(Cases[name].Expected.Contains(status), $"{name}: {status}\n{response}");
        Assert.DoesNotContain("\"type\":\"unauthorized\"", response, StringComparison.Ordinal); // the gateway's own refusal
        Assert.DoesNotContain(stack.Provider.Requests, r => r.Body.Contains(name, StringComparison.Ordinal));
        Assert.DoesNotContain(name, stack.Gateway.ReadLog(), StringComparison.Ordinal);
        var added = stack.AuditRecords().Skip(before).ToList();
        if (status is 401 or 403)
        {
            Assert.Equal("{\"error\":\"unauthorized\"}", response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
            var method = request[..request.IndexOf(' ', StringComparison.Ordinal)];
            Assert.Contains(added, r => (string?)r["event_type"] == "auth_failure" && (string?)r["details"]?["method"] == method);
        }

        Assert.DoesNotContain(added, r => r.ToJsonString().Contains(stack.ClientToken, StringComparison.Ordinal) || r.ToJsonString().Contains(WrongToken, StringComparison.Ordinal));
        Assert.DoesNotContain(stack.ClientToken, response, StringComparison.Ordinal);
        Assert.DoesNotContain(stack.ClientToken, stack.Proxy.ReadOutput(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Control for the table: the same kind of raw request with the valid token and forged forwarding headers does
    /// reach the gateway (which answers its own model list, not <c>proxy_attribution_required</c>: the proxy removed
    /// the forged headers and added the gateway token), so the table's "nothing reached" checks can fail.
    /// </summary>
    [Fact]
    public async Task ValidToken_WithForgedForwardingHeaders_ReachesTheGatewayWithTheForgeriesRemoved()
    {
        var request = AuthBypassCases.Get("/v1/models", "Authorization: Bearer {TOKEN}\r\nX-Forwarded-For: 203.0.113.9\r\nForwarded: for=203.0.113.9\r\nX-Real-IP: 203.0.113.9\r\n")
            .Replace("{CASE}", "control", StringComparison.Ordinal).Replace("{TOKEN}", stack.ClientToken, StringComparison.Ordinal)
            .Replace("{HOST}", $"127.0.0.1:{stack.Proxy.Port}", StringComparison.Ordinal);

        var response = await RawHttp.SendAsync(stack.Proxy.Port, request);

        Assert.True(RawHttp.StatusOf(response) == 200, response);
        var body = JsonNode.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..])!;
        Assert.Equal("list", (string?)body["object"]);
        Assert.Contains(body["data"]!.AsArray(), m => ((string?)m?["id"])?.StartsWith("openclaw", StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// Attack: a holder of a valid client token opens the WebSocket and calls the gateway's admin methods: config
    /// writes that repoint the model provider straight at the provider (so prompts skip the relay's inspection), a
    /// skill install that skips the install policy's file drop, exec approvals. Defence: the proxy's admin-method
    /// policy (PROXY_BLOCKED_METHODS, default on) answers those frames itself. Checks: FORBIDDEN for each; the
    /// gateway's config file byte for byte as before; one <c>policy_denied</c> record per method; the socket still
    /// works for a read-only call.
    /// </summary>
    [Fact]
    public async Task WebSocketAdminMethods_AreRefusedByTheProxy_AndTheGatewayConfigIsUntouched()
    {
        var configPath = Path.Combine(stack.Gateway.Home, ".openclaw", "openclaw.json");
        var config = await File.ReadAllTextAsync(configPath);
        var before = stack.AuditCount;
        using var socket = await GatewayWsClient.ConnectWithTokenAsync(stack.Proxy.Url, stack.ClientToken);
        var current = await socket.RequestAsync("config.get", []);
        var raw = $"{{ models: {{ providers: {{ fake: {{ baseUrl: \"{stack.Provider.BaseUrl}\", apiKey: \"{stack.ProviderKey}\" }} }} }} }}";
        string[] methods = ["config.patch", "config.apply", "config.set", "skills.install", "exec.approvals.set"];

        foreach (var method in methods)
        {
            var answer = await socket.RequestAsync(method, new JsonObject { ["raw"] = raw, ["baseHash"] = (string?)current["payload"]?["hash"], ["source"] = stack.State });
            Assert.False((bool?)answer["ok"], answer.ToJsonString());
            Assert.Equal("FORBIDDEN", (string?)answer["error"]?["code"]);
        }

        Assert.Equal(config, await File.ReadAllTextAsync(configPath));
        var denied = stack.AuditRecords().Skip(before).Where(r => (string?)r["event_type"] == "policy_denied").Select(r => (string?)r["details"]?["target"]);
        Assert.Equal(methods.Select(m => "ws " + m), denied);
        var health = await socket.RequestAsync("health", []);
        Assert.True((bool?)health["ok"], health.ToJsonString());
    }
}
