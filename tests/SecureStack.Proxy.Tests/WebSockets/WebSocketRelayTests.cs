using System.Net.WebSockets;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Inspection;
using SecureStack.Proxy.WebSockets;

namespace SecureStack.Proxy.Tests.WebSockets;

/// <summary>WebSockets through the proxy to the fake upstream, which echoes every message it receives.</summary>
public sealed class WebSocketRelayTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private static JsonObject Request(string id, string method, JsonObject? parameters = null) =>
        new() { ["type"] = "req", ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };

    private Action<ClientWebSocketOptions> Bearer(TestProxy proxy) => o => o.SetRequestHeader("Authorization", "Bearer " + proxy.Token);

    [Fact]
    public async Task ConnectFrame_WithoutDevice_GetsTheGatewayToken_AndTheClientTokenIsReplaced()
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, Bearer(fixture.Proxy));
        await ws.SendAsync(Request("c1", "connect", new JsonObject
        {
            ["client"] = new JsonObject { ["id"] = "cli" },
            ["auth"] = new JsonObject { ["token"] = fixture.Proxy.Token, ["password"] = "guess" },
        }));
        var echoed = await ws.ReceiveJsonAsync();
        Assert.Equal(TestProxy.GatewayToken, (string?)echoed["params"]?["auth"]?["token"]);
        Assert.Null(echoed["params"]?["auth"]?["password"]);
        Assert.Equal("cli", (string?)echoed["params"]?["client"]?["id"]);
        Assert.DoesNotContain(fixture.Proxy.Token, echoed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectFrame_WithDeviceSignature_KeepsTheSignedFields_AndGetsTheTokenAsPassword()
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, Bearer(fixture.Proxy));
        await ws.SendAsync(Request("c1", "connect", new JsonObject
        {
            ["auth"] = new JsonObject { ["token"] = "device-token-t", ["password"] = fixture.Proxy.Token },
            ["device"] = new JsonObject { ["id"] = "d", ["signature"] = "sig", ["nonce"] = "n" },
        }));
        var echoed = await ws.ReceiveJsonAsync();
        // The signature covers auth.token (and the device block): both arrive as sent.
        Assert.Equal("device-token-t", (string?)echoed["params"]?["auth"]?["token"]);
        Assert.Equal("{\"id\":\"d\",\"signature\":\"sig\",\"nonce\":\"n\"}", echoed["params"]?["device"]?.ToJsonString());
        Assert.Equal(TestProxy.GatewayToken, (string?)echoed["params"]?["auth"]?["password"]);
        Assert.DoesNotContain(fixture.Proxy.Token, echoed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryFrames_PassUnchanged_AndTheUpgradeCarriesTheGatewayToken()
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, o =>
        {
            Bearer(fixture.Proxy)(o);
            o.SetRequestHeader("X-Case", "ws-upgrade-headers");
            o.SetRequestHeader("X-Forwarded-For", "203.0.113.9");
        });
        const string Frame = "{\"type\":\"req\",\"id\":7,\"method\":\"chat.send\",\"params\":{\"message\":\"hello ws\"}}";
        await ws.SendAsync(Frame);
        Assert.Equal(Frame, await ws.ReceiveAsync());

        var upgrade = fixture.Upstream.Requests.Last(r => r.WebSocketMessages.Contains(Frame));
        Assert.Equal("Bearer " + TestProxy.GatewayToken, upgrade.Header("authorization"));
        Assert.Null(upgrade.Header("x-forwarded-for"));
        Assert.Null(upgrade.Header("x-case"));
    }

    [Fact]
    public async Task BlockedAdminMethod_IsAnsweredForbidden_AndNotForwarded()
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, Bearer(fixture.Proxy));
        await ws.SendAsync(Request("a1", "config.patch", new JsonObject { ["raw"] = "blocked-config-marker" }));
        var answer = await ws.ReceiveJsonAsync();
        Assert.Equal("res", (string?)answer["type"]);
        Assert.Equal("a1", (string?)answer["id"]);
        Assert.False((bool?)answer["ok"]);
        Assert.Equal("FORBIDDEN", (string?)answer["error"]?["code"]);

        await ws.SendAsync(Request("a2", "terminal.open"));
        Assert.Equal("FORBIDDEN", (string?)(await ws.ReceiveJsonAsync())["error"]?["code"]);
        await ws.SendAsync(Request("a3", "health"));
        Assert.Equal("health", (string?)(await ws.ReceiveJsonAsync())["method"]);

        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.WebSocketMessages.Any(m => m.Contains("blocked-config-marker", StringComparison.Ordinal)));
        Assert.Contains(fixture.Proxy.AuditEvents("policy_denied"), e => (string?)e["details"]?["target"] == "ws config.patch");
    }

    [Theory]
    [InlineData("not json at all", WebSocketCloseStatus.PolicyViolation)]
    [InlineData("{\"type\":\"event\",\"event\":\"x\"}", WebSocketCloseStatus.PolicyViolation)]
    [InlineData("{\"type\":\"req\",\"id\":\"1\"}", WebSocketCloseStatus.PolicyViolation)]
    [InlineData("[1,2,3]", WebSocketCloseStatus.PolicyViolation)]
    [InlineData("deep", WebSocketCloseStatus.PolicyViolation)]
    [InlineData("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"method\":\"chat.send\",\"params\":{}}", WebSocketCloseStatus.PolicyViolation)]
    public async Task MalformedClientFrame_ClosesTheSocket(string frame, WebSocketCloseStatus expected)
    {
        if (frame == "deep")
        {
            frame = "{\"type\":\"req\",\"id\":\"1\",\"method\":\"chat.send\",\"params\":" + new string('[', 200) + new string(']', 200) + "}";
        }

        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, Bearer(fixture.Proxy));
        await ws.SendAsync(frame);
        Assert.Null(await ws.ReceiveAsync());
        Assert.Equal(expected, ws.Socket.CloseStatus);
    }

    [Fact]
    public async Task OversizedMessage_ClosesWithMessageTooBig()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { MaxWebSocketMessageBytes = 4096 });
        using var ws = await WsClient.ConnectAsync(proxy.Url, Bearer(proxy));
        await ws.SendAsync(Request("big", "chat.send", new JsonObject { ["message"] = new string('x', 5000) }));
        Assert.Null(await ws.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, ws.Socket.CloseStatus);

        var close = Assert.Single(await proxy.WaitForAuditAsync("web_socket_close"));
        Assert.Equal("message too big", (string?)close["details"]?["status"]);
        Assert.Single(proxy.AuditEvents("web_socket_open"));
    }

    [Fact]
    public async Task BinaryMessage_ClosesTheSocket()
    {
        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, Bearer(fixture.Proxy));
        await ws.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Null(await ws.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, ws.Socket.CloseStatus);
    }

    [Fact]
    public async Task Upgrade_WithoutOrWithWrongCredentials_IsRefused()
    {
        Assert.Equal(401, await WsClient.RefusedStatusAsync(fixture.Proxy.Url, _ => { }));
        Assert.Equal(403, await WsClient.RefusedStatusAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer tok-wrong-0000000000")));
    }

    [Fact]
    public async Task UpstreamRefusingTheUpgrade_IsReportedAsItsStatus()
    {
        await using var proxy = await TestProxy.StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        Assert.Equal(502, await WsClient.RefusedStatusAsync(proxy.Url, Bearer(proxy)));
        Assert.Contains(proxy.AuditEvents("proxy_error"), e => (string?)e["details"]?["error"] == "websocket_connect");
    }

    [Fact]
    public async Task UpstreamDroppingTheSocket_ClosesTheClientWith1011_AndIsAudited()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root);
        using var ws = await WsClient.ConnectAsync(proxy.Url, Bearer(proxy), "/__drop");
        await ws.SendAsync(Request("d1", "health"));

        Assert.Null(await ws.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, ws.Socket.CloseStatus);
        Assert.Equal("upstream unavailable", ws.Socket.CloseStatusDescription);
        await ws.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, ws.Socket.State);
        var close = Assert.Single(await proxy.WaitForAuditAsync("web_socket_close"));
        Assert.Equal("gateway lost", (string?)close["details"]?["status"]);
        Assert.Contains(fixture.Upstream.Requests, r => r.RawTarget == "/__drop" && r.WebSocketMessages.Any(m => m.Contains("\"d1\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FrameInspector_CanRewriteAndRefuseFrames()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, services: s => s.AddSingleton<IWebSocketFrameInspector, MarkerFrameInspector>());
        using var ws = await WsClient.ConnectAsync(proxy.Url, Bearer(proxy));

        await ws.SendAsync(Request("r1", "chat.send", new JsonObject { ["message"] = "please REWRITE-ME now" }));
        var rewritten = await ws.ReceiveJsonAsync();
        Assert.Equal("please [removed] now", (string?)rewritten["params"]?["message"]);

        await ws.SendAsync(Request("r2", "chat.send", new JsonObject { ["message"] = "BLOCK-ME" }));
        var refused = await ws.ReceiveJsonAsync();
        Assert.Equal("r2", (string?)refused["id"]);
        Assert.Equal("FORBIDDEN", (string?)refused["error"]?["code"]);

        await ws.SendAsync(Request("r3", "chat.send", new JsonObject { ["message"] = "THROW-ME" }));
        Assert.Equal("FORBIDDEN", (string?)(await ws.ReceiveJsonAsync())["error"]?["code"]);

        Assert.Contains(proxy.AuditEvents("prompt_injection"), e => (string?)e["details"]?["inspector"] == "marker");
        Assert.Equal(2, proxy.AuditEvents("policy_denied").Count);
    }

    [Fact]
    public async Task CookieSession_NeedsAnAllowedOriginForWebSockets()
    {
        var cookie = await SecureStack.Proxy.Tests.Authentication.LoginTests.LoginAsync(fixture.Proxy);
        Assert.Equal(403, await WsClient.RefusedStatusAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Cookie", cookie)));
        Assert.Equal(403, await WsClient.RefusedStatusAsync(fixture.Proxy.Url, o =>
        {
            o.SetRequestHeader("Cookie", cookie);
            o.SetRequestHeader("Origin", "http://evil.test");
        }));

        using var ws = await WsClient.ConnectAsync(fixture.Proxy.Url, o =>
        {
            o.SetRequestHeader("Cookie", cookie);
            o.SetRequestHeader("Origin", "http://ui.test");
        });
        await ws.SendAsync(Request("h", "health"));
        Assert.Equal("health", (string?)(await ws.ReceiveJsonAsync())["method"]);
    }

    private sealed class MarkerFrameInspector : IWebSocketFrameInspector
    {
        public string Name => "marker";

        public ValueTask<InspectionVerdict> InspectAsync(ClientFrameContext context, CancellationToken cancellationToken)
        {
            var message = context.Frame.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("message", out var text)
                ? text.GetString() ?? ""
                : "";
            if (message.Contains("THROW-ME", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("inspector bug");
            }

            if (message.Contains("BLOCK-ME", StringComparison.Ordinal))
            {
                return ValueTask.FromResult(InspectionVerdict.Refuse("marker found"));
            }

            if (!message.Contains("REWRITE-ME", StringComparison.Ordinal))
            {
                return ValueTask.FromResult(InspectionVerdict.Allow);
            }

            var frame = System.Text.Json.Nodes.JsonNode.Parse(context.Payload.Span)!;
            frame["params"]!["message"] = message.Replace("REWRITE-ME", "[removed]", StringComparison.Ordinal);
            return ValueTask.FromResult(InspectionVerdict.Replace(System.Text.Encoding.UTF8.GetBytes(frame.ToJsonString()), "marker rewritten"));
        }
    }
}
