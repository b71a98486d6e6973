using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Tests.Authentication;

namespace SecureStack.Proxy.Tests.Limits;

/// <summary>
/// Lockout through the real proxy, from real client addresses: loopback sockets bound to 127.0.0.10–19 (the
/// reviewer's spread), IPv6 peers of one /64 behind a trusted forwarder, and a signed-in browser whose own traffic
/// must never ban it. The ban and its remaining time show on the login page and in /readyz.
/// </summary>
public sealed class LockoutEvasionTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private const string WrongToken = "Bearer tok-wrong-000000000000000000";

    [Fact]
    public async Task FailuresSpreadOverTenAddresses_AreCaughtByTheGlobalBudget()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { LockoutThreshold = 5 }, new FakeTimeProvider());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var client = ClientFrom(proxy, $"127.0.0.{10 + (i % 10)}");
            client.DefaultRequestHeaders.Add("Authorization", WrongToken);
            using var response = await client.GetAsync("/v1/models");
            statuses.Add(response.StatusCode);
        }

        // Four failures per address stay under the per-address threshold; the global budget (4 x 5) does not.
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(proxy.AuditEvents("auth_lockout"), e => (bool?)e["details"]?["global_budget_spent"] == true);
        using var right = ClientFrom(proxy, "127.0.0.19");
        right.DefaultRequestHeaders.Add("Authorization", "Bearer " + proxy.Token);
        using var banned = await right.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);
    }

    [Fact]
    public async Task Ipv6Addresses_AreGroupedPerSlash64()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with
        {
            LockoutThreshold = 3,
            TrustedForwarders = [IPAddress.Loopback],
        }, new FakeTimeProvider());
        foreach (var peer in new[] { "2001:db8:1:2::a", "2001:db8:1:2::b", "2001:db8:1:2:ffff::c" })
        {
            using var refused = await SendAsync(proxy, peer, WrongToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var sameSlash64 = await SendAsync(proxy, "2001:db8:1:2::d", "Bearer " + proxy.Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameSlash64.StatusCode);
        using var otherSlash64 = await SendAsync(proxy, "2001:db8:1:3::d", "Bearer " + proxy.Token);
        Assert.Equal(HttpStatusCode.OK, otherSlash64.StatusCode);
        var lockout = Assert.Single(proxy.AuditEvents("auth_lockout"));
        Assert.Equal("2001:db8:1:2::/64", (string?)lockout["details"]?["group"]);
    }

    [Fact]
    public async Task ASignedInBrowser_IsNeverBannedByItsOwnTraffic()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { LockoutThreshold = 2 }, new FakeTimeProvider());
        var cookie = await LoginTests.LoginAsync(proxy);

        // The Control UI's own calls: the session cookie beside a Bearer the proxy does not know, or a malformed one.
        foreach (var authorization in new[] { WrongToken, WrongToken, "Basic dXNlcjpwYXNz", WrongToken })
        {
            using var client = proxy.Client(authenticated: false);
            client.DefaultRequestHeaders.Add("Cookie", cookie);
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
            using var response = await client.GetAsync("/v1/models");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        Assert.Empty(proxy.AuditEvents("auth_lockout"));
        using var api = proxy.Client();
        using var stillIn = await api.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        // Someone else on the same address gets it banned: the signed-in browser keeps working.
        using var wrong = proxy.Client(authenticated: false);
        wrong.DefaultRequestHeaders.Add("Authorization", WrongToken);
        for (var i = 0; i < 2; i++)
        {
            using var refused = await wrong.GetAsync("/v1/models");
        }

        using var browser = proxy.Client(authenticated: false);
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        using var signedIn = await browser.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var bearer = await api.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.TooManyRequests, bearer.StatusCode);
    }

    [Fact]
    public async Task TheBanAndItsRemainingTime_ShowOnTheLoginPageAndInReadyz()
    {
        var time = new FakeTimeProvider();
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with
        {
            LockoutThreshold = 2,
            LockoutBan = TimeSpan.FromMinutes(15),
        }, time);
        using var client = proxy.Client(authenticated: false);
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", "not-the-token")]));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        using var page = await client.GetAsync(LoginEndpoints.LoginPath);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("10 minutes", html, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), page.Headers.RetryAfter?.Delta);

        using var post = await client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", proxy.Token)]));
        Assert.Equal(HttpStatusCode.TooManyRequests, post.StatusCode);
        Assert.Contains("10 minutes", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var navigation = new HttpRequestMessage(HttpMethod.Get, "/");
        navigation.Headers.Add("Accept", "text/html");
        using var redirected = await client.SendAsync(navigation);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal(LoginEndpoints.LoginPath, redirected.Headers.Location?.OriginalString);

        using var ready = await client.GetAsync("/readyz");
        var lockout = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["lockout"];
        Assert.NotNull(lockout);
        Assert.Equal("127.0.0.1", (string?)lockout["address"]);
        Assert.Equal(600, (int?)lockout["retry_after_seconds"]);
    }

    /// <summary>A client whose connections leave from <paramref name="local"/> (any 127.0.0.0/8 address is loopback on Linux).</summary>
    private static HttpClient ClientFrom(TestProxy proxy, string local) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = proxy.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static async Task<HttpResponseMessage> SendAsync(TestProxy proxy, string forwardedFor, string authorization)
    {
        using var client = proxy.Client(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }
}
