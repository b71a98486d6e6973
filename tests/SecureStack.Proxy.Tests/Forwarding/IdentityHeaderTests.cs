using System.Net;

namespace SecureStack.Proxy.Tests.Forwarding;

/// <summary>
/// OpenClaw reads identity, scopes, a password and session routing from <c>x-openclaw-*</c> headers and Tailscale
/// identity from <c>tailscale-*</c>. Sent by a client, none of them reaches the gateway (checked at the recording
/// upstream), except the hook token and idempotency key on <c>/hooks</c>, which OpenClaw's hook handler reads.
/// </summary>
public sealed class IdentityHeaderTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private static readonly string[] ForgedNames =
    [
        "Tailscale-User-Login", "Tailscale-User-Name", "Tailscale-User-Profile-Pic", "Tailscale-Funnel-Request",
        "X-OpenClaw-Scopes", "X-OpenClaw-Password", "X-OpenClaw-Session-Key", "X-OpenClaw-Agent-Id", "X-OpenClaw-Account-Id",
        "X-OpenClaw-Message-Channel", "X-OpenClaw-Token", "X-OpenClaw-Idempotency-Key",
    ];

    [Fact]
    public async Task OnApiPaths_EveryTailscaleAndOpenClawHeaderIsStripped()
    {
        var seen = await SendAsync(HttpMethod.Get, "/v1/models", "identity-api");

        Assert.All(ForgedNames, name => Assert.Null(seen.Header(name)));
    }

    [Fact]
    public async Task OnHooks_OnlyTheHookTokenAndIdempotencyKeyPass()
    {
        var seen = await SendAsync(HttpMethod.Post, "/hooks/agent", "identity-hooks");

        Assert.Equal("forged-x-openclaw-token", seen.Header("x-openclaw-token"));
        Assert.Equal("forged-x-openclaw-idempotency-key", seen.Header("x-openclaw-idempotency-key"));
        Assert.All(ForgedNames.Except(["X-OpenClaw-Token", "X-OpenClaw-Idempotency-Key"]), name => Assert.Null(seen.Header(name)));
    }

    private async Task<SecureStack.Testing.RecordedRequest> SendAsync(HttpMethod method, string path, string marker)
    {
        using var client = fixture.Proxy.Client();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Case", marker);
        foreach (var name in ForgedNames)
        {
            request.Headers.TryAddWithoutValidation(name, "forged-" + name.ToLowerInvariant());
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{\"message\":\"hello\"}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == marker);
    }
}
