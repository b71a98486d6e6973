using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Tests.OpenClaw;

/// <summary>
/// The real gateway in trusted-proxy mode: the proxy names the user in x-remote-user and writes its own
/// X-Forwarded-For. OpenClaw requires that address to be a non-loopback client (OPENCLAW.md).
/// </summary>
[Trait("Category", "OpenClaw")]
public sealed class OpenClawTrustedProxyTests(OpenClawTrustedProxyFixture fixture) : IClassFixture<OpenClawTrustedProxyFixture>
{
    private const string RemoteClient = "203.0.113.7";

    private static HttpRequestMessage Chat(string text, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"openclaw/default\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        request.Headers.Add("X-Remote-User", "admin");
        return request;
    }

    [Fact]
    public async Task RemoteClient_IsServedAsTheTokenNamedUser()
    {
        using var response = await fixture.BehindForwarder.Client().SendAsync(Chat("trusted MARKER-T", RemoteClient));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("FAKE-LLM-REPLY: trusted MARKER-T", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackClient_IsRefusedByTheGateway_AsOpenClawDocuments()
    {
        using var response = await fixture.Direct.Client().SendAsync(Chat("loopback MARKER-L", RemoteClient));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("proxy_attribution_required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Provider.Requests, r => r.Body.Contains("MARKER-L", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutOurProxy_TheUserHeaderAloneGetsNothing()
    {
        using var direct = new HttpClient { BaseAddress = fixture.Gateway.Url };
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        forged.Headers.Add("x-remote-user", "alice");
        using var response = await direct.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WebSocketChat_WithoutAnyToken_IsAuthenticatedByTheProxyHeaders()
    {
        using var gateway = await GatewayWsClient.OpenAsync(fixture.BehindForwarder.Url, o =>
        {
            o.SetRequestHeader("Authorization", "Bearer " + fixture.BehindForwarder.Token);
            o.SetRequestHeader("X-Forwarded-For", RemoteClient);
            o.SetRequestHeader("X-Remote-User", "admin");
        });
        var hello = await gateway.ConnectAsync();
        Assert.True((bool?)hello["ok"], hello.ToJsonString());
        var final = await gateway.ChatAsync("trusted ws MARKER-W");
        var reply = (string?)final["message"]?["content"]?[0]?["text"] ?? "";
        Assert.Contains("trusted ws MARKER-W", reply, StringComparison.Ordinal);

        // OpenClaw tells the model who is speaking: the token's name from our header, not the client's forgery.
        Assert.Contains("\"name\":\"alice\"", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlUi_CookieWebSocket_CanChat()
    {
        using var anonymous = fixture.BehindForwarder.Client(authenticated: false);
        using var loginRequest = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LoginPath)
        {
            Content = new FormUrlEncodedContent([new("token", fixture.BehindForwarder.Token)]),
        };
        loginRequest.Headers.Add("X-Forwarded-For", RemoteClient);
        using var login = await anonymous.SendAsync(loginRequest);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];

        using var ui = await GatewayWsClient.OpenAsync(fixture.BehindForwarder.Url, o =>
        {
            o.SetRequestHeader("Cookie", cookie);
            o.SetRequestHeader("Origin", OpenClawTrustedProxyFixture.UiOrigin);
            o.SetRequestHeader("X-Forwarded-For", RemoteClient);
        });
        var hello = await ui.ConnectAsync(clientId: "openclaw-control-ui", mode: "webchat");
        Assert.True((bool?)hello["ok"], hello.ToJsonString());
        var chat = await ui.RequestAsync("chat.send", new JsonObject { ["sessionKey"] = "ui-" + Guid.NewGuid().ToString("N")[..12], ["message"] = "ui", ["idempotencyKey"] = Guid.NewGuid().ToString() });
        Assert.True((bool?)chat["ok"], chat.ToJsonString());
    }
}
