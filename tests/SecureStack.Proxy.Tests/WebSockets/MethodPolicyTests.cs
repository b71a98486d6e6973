using System.Text.Json.Nodes;

namespace SecureStack.Proxy.Tests.WebSockets;

/// <summary>
/// The WebSocket method allowlist through the proxy to the echoing fake upstream: an ordinary client (the test token
/// "alice") reads and chats, but admin and node methods, admin variants of dynamic methods and methods the gateway
/// does not have are answered FORBIDDEN on the socket and never forwarded; an operator identity gets admin methods.
/// </summary>
public sealed class MethodPolicyTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private static JsonObject Request(string id, string method, JsonObject? parameters = null) =>
        new() { ["type"] = "req", ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };

    private static async Task<JsonObject> SendAsync(WsClient ws, string method, JsonObject? parameters = null)
    {
        var id = method + "-" + Guid.NewGuid().ToString("N");
        await ws.SendAsync(Request(id, method, parameters));
        var answer = await ws.ReceiveJsonAsync();
        Assert.Equal(id, (string?)answer["id"]);
        return answer;
    }

    private static bool Forwarded(JsonObject answer) => answer["method"] is not null;

    public static TheoryData<string, string> RefusedForOrdinaryClients => new()
    {
        { "secrets.store.set", """{"key":"OPENAI_API_KEY","value":"x"}""" },
        { "update.run", "{}" },
        { "plugins.setEnabled", """{"id":"p","enabled":true}""" },
        { "node.invoke", """{"nodeId":"n","command":"system.run","params":{"command":"id"}}""" },
        { "environments.session.exec", """{"sessionId":"s","command":"id"}""" },
        { "sessions.catalog.startTerminal", "{}" },
        { "agents.files.set", """{"agentId":"main","name":"AGENTS.md","content":"be nice"}""" },
        { "cron.add", """{"name":"j","message":"hello"}""" },
        { "device.pair.approve", """{"requestId":"r"}""" },
        // Dynamic methods in their admin form (the gateway's own params rules).
        { "sessions.create", """{"key":"k","execNode":"n"}""" },
        { "sessions.patch", """{"key":"k","sandboxMode":"off"}""" },
        { "sessions.delete", """{"key":"k"}""" },
        { "agent", """{"message":"/reset now","sessionKey":"k"}""" },
        // Node-role methods, and a method the pinned gateway does not have.
        { "node.event", """{"event":"x"}""" },
        { "totally.new.method", "{}" },
    };

    [Theory]
    [MemberData(nameof(RefusedForOrdinaryClients))]
    public async Task AdminNodeAndUnknownMethods_AreRefusedForAnOrdinaryClient(string method, string parameters)
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + fixture.Proxy.Token));
        var marker = "refused-" + Guid.NewGuid().ToString("N");
        var p = JsonNode.Parse(parameters)!.AsObject();
        p["marker"] = marker;
        var answer = await SendAsync(ws, method, p);
        Assert.False((bool?)answer["ok"]);
        Assert.Equal("FORBIDDEN", (string?)answer["error"]?["code"]);
        Assert.False(Forwarded(answer));
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.WebSocketMessages.Any(m => m.Contains(marker, StringComparison.Ordinal)));
        Assert.Contains(fixture.Proxy.AuditEvents("policy_denied"), e => (string?)e["details"]?["target"] == "ws " + method);

        // The socket stays usable for what the client may do.
        Assert.True(Forwarded(await SendAsync(ws, "health")));
    }

    [Fact]
    public async Task AdminMethod_IsAnsweredLikeTheGatewayAnswersAMissingScope()
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + fixture.Proxy.Token));
        var answer = await SendAsync(ws, "update.run");
        Assert.Equal("missing scope: operator.admin", (string?)answer["error"]?["message"]);
    }

    public static TheoryData<string, string> AllowedForOrdinaryClients => new()
    {
        { "health", "{}" },
        { "sessions.list", "{}" },
        { "chat.history", """{"sessionKey":"k"}""" },
        { "chat.send", """{"sessionKey":"k","message":"hello","idempotencyKey":"i"}""" },
        { "sessions.create", """{"key":"k","label":"work"}""" },
        { "sessions.patch", """{"key":"k","label":"renamed","pinned":true}""" },
        { "sessions.delete", """{"key":"k","archivedOnly":true}""" },
        { "agent", """{"message":"hello","sessionKey":"k"}""" },
        { "exec.approval.resolve", """{"id":"a","decision":"allow-once"}""" },
        { "models.list", "{}" },
    };

    [Theory]
    [MemberData(nameof(AllowedForOrdinaryClients))]
    public async Task ReadingChattingAndApprovals_PassForAnOrdinaryClient(string method, string parameters)
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + fixture.Proxy.Token));
        Assert.True(Forwarded(await SendAsync(ws, method, JsonNode.Parse(parameters)!.AsObject())));
    }

    [Fact]
    public async Task AnOperator_GetsAdminMethods_ButNotNodeMethodsOrTheBlockList()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { WebSocketOperators = ["alice"] });
        using var ws = await WsClient.ConnectAsync(proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + proxy.Token));
        Assert.True(Forwarded(await SendAsync(ws, "update.run")));
        Assert.True(Forwarded(await SendAsync(ws, "secrets.store.list")));
        Assert.True(Forwarded(await SendAsync(ws, "sessions.create", new JsonObject { ["key"] = "k", ["execNode"] = "n" })));
        Assert.False(Forwarded(await SendAsync(ws, "node.event")));
        Assert.False(Forwarded(await SendAsync(ws, "config.patch")));
        Assert.False(Forwarded(await SendAsync(ws, "totally.new.method")));
    }
}
