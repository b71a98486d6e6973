using System.Net;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Tests.Authentication;

public sealed class LoginTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    /// <summary>Logs in through the form and returns the Cookie header value to send.</summary>
    internal static async Task<string> LoginAsync(TestProxy proxy)
    {
        using var client = proxy.Client(authenticated: false);
        using var response = await client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", proxy.Token)]));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    [Fact]
    public async Task LoginPage_IsServedWithoutAuthentication()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var response = await client.GetAsync(LoginEndpoints.LoginPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/_securestack/login\">", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_SetsAStrictHttpOnlyCookieWithAnExpiry()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var response = await client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", fixture.Proxy.Token)]));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.StartsWith("securestack_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", setCookie, StringComparison.Ordinal);
        Assert.Contains("expires=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Proxy.Token.ToLowerInvariant(), setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_AuthenticatesReads_ButWritesNeedAnAllowedOrigin()
    {
        var cookie = await LoginAsync(fixture.Proxy);
        using var client = fixture.Proxy.Client(authenticated: false);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        using var read = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var noOrigin = await client.PostAsync("/v1/chat/completions", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);

        using var allowed = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent("{\"messages\":[]}") };
        allowed.Headers.Add("Origin", "http://ui.test");
        using var write = await client.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
    }

    [Fact]
    public async Task WrongToken_OnTheLoginPage_IsRefusedAndAudited()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root);
        using var client = proxy.Client(authenticated: false);
        using var response = await client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", "tok-wrong-login-0000000000")]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not accepted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Single(proxy.AuditEvents("auth_failure"));
    }

    [Fact]
    public async Task Login_FromAForeignOrigin_IsRefused()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LoginPath)
        {
            Content = new FormUrlEncodedContent([new("token", fixture.Proxy.Token)]),
        };
        request.Headers.Add("Origin", "http://evil.test");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredCookie_IsRefused()
    {
        var time = new ManualTimeProvider();
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { SessionLifetime = TimeSpan.FromMinutes(30) }, time);
        var cookie = await LoginAsync(proxy);
        using var client = proxy.Client(authenticated: false);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        using (var fresh = await client.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(30));
        using var expired = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task BrowserNavigationWithoutCredentials_IsSentToTheLoginPage()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Accept", "text/html,application/xhtml+xml");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LoginEndpoints.LoginPath, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Logout_ClearsTheCookie()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var response = await client.PostAsync(LoginEndpoints.LogoutPath, new StringContent(""));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }
}
