using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Tests.OpenClaw;

/// <summary>The real OpenClaw gateway behind the proxy in token mode: the proxy holds the gateway token.</summary>
[Trait("Category", "OpenClaw")]
public sealed class OpenClawTokenModeTests(OpenClawTokenModeFixture fixture) : IClassFixture<OpenClawTokenModeFixture>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ChatCompletion_ThroughTheProxy_ReachesTheFakeModel()
    {
        using var response = await fixture.Proxy.Client().PostAsync("/v1/chat/completions",
            Json("{\"model\":\"openclaw/default\",\"messages\":[{\"role\":\"user\",\"content\":\"hello MARKER-A\"}]}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("FAKE-LLM-REPLY: hello MARKER-A", body, StringComparison.Ordinal);
        Assert.Contains(fixture.Provider.Requests, r => r.Body.Contains("hello MARKER-A", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamingChat_ThroughTheProxy_EndsWithDone()
    {
        using var response = await fixture.Proxy.Client().PostAsync("/v1/chat/completions",
            Json("{\"model\":\"openclaw/default\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream MARKER-B\"}]}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("MARKER-B", body, StringComparison.Ordinal);
        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsInvoke_ThroughTheProxy_Succeeds()
    {
        using var response = await fixture.Proxy.Client().PostAsync("/tools/invoke", Json("{\"tool\":\"sessions_list\",\"args\":{}}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\":true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_WithItsOwnTokenHeader_PassesThroughTheProxy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/agent")
        {
            Content = Json("{\"message\":\"hook MARKER-D\",\"waitForCompletion\":true,\"deliver\":false}"),
        };
        request.Headers.Add("x-openclaw-token", fixture.HooksToken);
        using var response = await fixture.Proxy.Client().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains(fixture.Provider.Requests, r => r.Body.Contains("hook MARKER-D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelToolCall_RunsTheToolAndFeedsTheResultBack()
    {
        using var response = await fixture.Proxy.Client().PostAsync("/v1/chat/completions",
            Json("{\"model\":\"openclaw/default\",\"messages\":[{\"role\":\"user\",\"content\":\"FAKE_TOOL_CALL tool_call {\\\"id\\\":\\\"sessions_list\\\",\\\"args\\\":{}}\"}]}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("FAKE-LLM-TOOL-RESULT", body, StringComparison.Ordinal);
        Assert.Contains(fixture.Provider.Requests, r => r.Body.Contains("\"role\":\"tool\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedForwardingHeaders_AreStrippedBeforeTheGatewaySeesThem()
    {
        using var direct = new HttpClient { BaseAddress = fixture.Gateway.Url };
        using var directRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        directRequest.Headers.Add("Authorization", "Bearer " + fixture.Gateway.Token);
        directRequest.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var refusedDirectly = await direct.SendAsync(directRequest);
        Assert.Equal(HttpStatusCode.Forbidden, refusedDirectly.StatusCode);
        Assert.Contains("proxy_attribution_required", await refusedDirectly.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.9");
        viaProxy.Headers.Add("Forwarded", "for=203.0.113.9");
        using var accepted = await fixture.Proxy.Client().SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("openclaw/default", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocketChat_ThroughTheProxy_ReachesTheFakeModel()
    {
        using var gateway = await GatewayWsClient.OpenAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + fixture.Proxy.Token));
        var hello = await gateway.ConnectAsync();
        Assert.True((bool?)hello["ok"], hello.ToJsonString());

        var final = await gateway.ChatAsync("ws MARKER-E");
        Assert.Equal("final", (string?)final["state"]);
        Assert.Contains("FAKE-LLM-REPLY: ws MARKER-E", final.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(fixture.Proxy.AuditEvents("web_socket_open"), e => (string?)e["user_id"] == "alice");
    }

    [Fact]
    public async Task WebSocketConnect_DirectlyWithoutToken_IsRefusedByTheGateway_SoTheProxyTokenIsWhatCounts()
    {
        using var direct = await GatewayWsClient.OpenAsync(fixture.Gateway.Url, _ => { });
        var hello = await direct.ConnectAsync();
        Assert.False((bool?)hello["ok"]);
    }

    [Fact]
    public async Task AdminMethod_IsRefusedAtTheProxy()
    {
        using var gateway = await GatewayWsClient.OpenAsync(fixture.Proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + fixture.Proxy.Token));
        Assert.True((bool?)(await gateway.ConnectAsync())["ok"]);
        var refused = await gateway.RequestAsync("config.patch", new JsonObject { ["raw"] = "{}" });
        Assert.False((bool?)refused["ok"]);
        Assert.Equal("FORBIDDEN", (string?)refused["error"]?["code"]);
        var health = await gateway.RequestAsync("health", []);
        Assert.True((bool?)health["ok"], health.ToJsonString());
    }

    [Fact]
    public async Task ControlUi_PageAndWebSocket_WorkThroughTheCookieLogin()
    {
        using var anonymous = fixture.Proxy.Client(authenticated: false);
        using var login = await anonymous.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", fixture.Proxy.Token)]));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Accept", "text/html");
        page.Headers.Add("Cookie", cookie);
        using var pageResponse = await anonymous.SendAsync(page);
        var html = await pageResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);

        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/?[^\"]+\\.js)\"");
        Assert.True(script.Success, "the Control UI page names a script");
        using var asset = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Proxy.Url, script.Groups[1].Value));
        asset.Headers.Add("Cookie", cookie);
        using var assetResponse = await anonymous.SendAsync(asset);
        Assert.Equal(HttpStatusCode.OK, assetResponse.StatusCode);

        using var ui = await GatewayWsClient.OpenAsync(fixture.Proxy.Url, o =>
        {
            o.SetRequestHeader("Cookie", cookie);
            o.SetRequestHeader("Origin", OpenClawTokenModeFixture.UiOrigin);
        });
        var hello = await ui.ConnectAsync();
        Assert.True((bool?)hello["ok"], hello.ToJsonString());
        var health = await ui.RequestAsync("health", []);
        Assert.True((bool?)health["ok"], health.ToJsonString());

        // Observed with openclaw 2026.9.6: a browser connect (Origin set) without a device identity gets no
        // operator.write scope in token mode. The real Control UI signs a device identity; the proxy then adds
        // the gateway token as auth.password (ClientFramePolicy), and the gateway pairs that device: the browser
        // test (tests/browser, run from SecureStack.Cli.Tests' InstallScriptTests) chats through that path.
        var chat = await ui.RequestAsync("chat.send", new JsonObject { ["sessionKey"] = "ui-" + Guid.NewGuid().ToString("N")[..12], ["message"] = "ui", ["idempotencyKey"] = Guid.NewGuid().ToString() });
        Assert.Equal("operator.write", (string?)chat["error"]?["details"]?["missingScope"]);
    }
}
