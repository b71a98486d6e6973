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

    /// <summary>What Chromium sends for the login form under "Referrer-Policy: no-referrer": Origin null, and its fetch metadata.</summary>
    private static HttpRequestMessage BrowserFormPost(string path, string? token, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(token is null ? [] : [new("token", token)]),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    [Fact]
    public async Task Login_WithOriginNull_FromThisPage_SignsIn()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var request = BrowserFormPost(LoginEndpoints.LoginPath, fixture.Proxy.Token, "null", "same-origin");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("securestack_session=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("null", null)]
    [InlineData("null", "cross-site")]
    [InlineData("null", "same-site")]
    [InlineData(null, "cross-site")]
    [InlineData("http://evil.test", "same-origin")]
    public async Task Login_NotFromThisPage_IsRefusedWithThePagesOwnMessage(string? origin, string? fetchSite)
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var request = BrowserFormPost(LoginEndpoints.LoginPath, fixture.Proxy.Token, origin, fetchSite);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(LoginPage.NotFromThisPage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task WrongToken_FromTheBrowserForm_ShowsThePageNotJson()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root);
        using var client = proxy.Client(authenticated: false);
        using var request = BrowserFormPost(LoginEndpoints.LoginPath, "tok-wrong-login-0000000000", "null", "same-origin");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(LoginPage.WrongToken, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_LetsTheBrowserSendItsOrigin()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var response = await client.GetAsync(LoginEndpoints.LoginPath);
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Cookie_WritesFromTheProxysOwnOrigin_NeedNoConfiguration()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { AllowedOrigins = [] });
        var cookie = await LoginAsync(proxy);
        using var client = proxy.Client(authenticated: false);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent("{\"messages\":[]}") };
        own.Headers.Add("Origin", proxy.Url.GetLeftPart(UriPartial.Authority));
        using var write = await client.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);

        using var other = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent("{\"messages\":[]}") };
        other.Headers.Add("Origin", $"http://127.0.0.1:{proxy.Port + 1}");
        using var refused = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Logout_WithOriginNull_FromThisPage_ClearsTheCookie()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var request = BrowserFormPost(LoginEndpoints.LogoutPath, token: null, "null", "same-origin");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(LoginEndpoints.LoginPath, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Cookie_BesideTheControlUisOwnBearer_Authenticates_AndThatBearerStaysHere()
    {
        var cookie = await LoginAsync(fixture.Proxy);
        using var client = fixture.Proxy.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/control-ui-config.json?case=ui-bearer");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Authorization = new("Bearer", "openclaw-device-token-abc123");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = fixture.Upstream.Requests.Last(r => r.RawTarget.Contains("case=ui-bearer", StringComparison.Ordinal));
        Assert.Equal("Bearer " + TestProxy.GatewayToken, forwarded.Header("authorization"));

        using var alone = new HttpRequestMessage(HttpMethod.Get, "/control-ui-config.json");
        alone.Headers.Authorization = new("Bearer", "openclaw-device-token-abc123");
        using var refused = await client.SendAsync(alone);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task SignOutPage_IsAFormThatPostsToTheLogoutPath()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var response = await client.GetAsync(LoginEndpoints.LogoutPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/_securestack/logout\">", page, StringComparison.Ordinal);
        Assert.Contains("Sign out</button>", page, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ExpiredCookie_IsRefused()
    {
        var time = new FakeTimeProvider();
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
