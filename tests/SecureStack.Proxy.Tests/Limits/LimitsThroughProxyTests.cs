using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureStack.Proxy.Tests.Limits;

/// <summary>Lockout and rate limit through the real proxy; the lockout's clock is moved by hand.</summary>
public sealed class LimitsThroughProxyTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    [Fact]
    public async Task Lockout_BansTheAddressAfterThresholdFailures_ThenLifts()
    {
        var time = new FakeTimeProvider();
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with
        {
            LockoutThreshold = 3,
            LockoutWindow = TimeSpan.FromMinutes(10),
            LockoutBan = TimeSpan.FromMinutes(15),
        }, time);
        using var wrong = proxy.Client(authenticated: false);
        wrong.DefaultRequestHeaders.Add("Authorization", "Bearer tok-wrong-000000000000000000");
        for (var i = 0; i < 3; i++)
        {
            using var refused = await wrong.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var right = proxy.Client();
        using (var banned = await right.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, banned.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(15), banned.Headers.RetryAfter?.Delta);
        }

        var lockout = Assert.Single(proxy.AuditEvents("auth_lockout"));
        Assert.Equal("127.0.0.1", (string?)lockout["source_ip"]);
        Assert.Equal(3, (int?)lockout["details"]?["failures"]);

        time.Advance(TimeSpan.FromMinutes(15));
        using var after = await right.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task MissingCredentials_DoNotCountTowardsLockout()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { LockoutThreshold = 2 }, new FakeTimeProvider());
        using var anonymous = proxy.Client(authenticated: false);
        for (var i = 0; i < 5; i++)
        {
            using var refused = await anonymous.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var right = await proxy.Client().GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task RateLimit_Gives429BeyondTheBurst_AndRecoversWithTime()
    {
        // The limiter's buckets refill on real time (their own timer), a token a second here, not on the test clock:
        // a burst that takes most of a second (a loaded machine) may see a refill, so it is tried again on a fresh proxy.
        for (var attempt = 1; ; attempt++)
        {
            await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { RateLimitPerSecond = 1, RateLimitBurst = 2 }, new FakeTimeProvider());
            using var client = proxy.Client();
            var burst = System.Diagnostics.Stopwatch.StartNew();
            using var first = await client.GetAsync("/v1/models");
            using var second = await client.GetAsync("/v1/models");
            using var third = await client.GetAsync("/v1/models");
            if (burst.Elapsed > TimeSpan.FromSeconds(0.8) && attempt < 5)
            {
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), third.Headers.RetryAfter?.Delta);

            using (var health = await client.GetAsync("/healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            using var recovered = await GetOnceRefilledAsync(client, "/v1/models");
            Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
            return;
        }
    }

    /// <summary>Asks until the answer is not 429 (refused requests take no token), for at most five seconds.</summary>
    private static async Task<HttpResponseMessage> GetOnceRefilledAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task OversizedBody_Gives413BeforeForwarding()
    {
        using var client = fixture.Proxy.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = new ByteArrayContent(new byte[(1024 * 1024) + 1]) };
        request.Headers.Add("X-Case", "oversized-body");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Header("x-case") == "oversized-body");
    }

    [Fact]
    public async Task ConnectionLimit_RefusesConnectionsBeyondIt_UntilOneCloses()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { MaxConnections = 2 });
        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var client = new TcpClient();
                held.Add(client);
                await client.ConnectAsync(IPAddress.Loopback, proxy.Port);
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
                var buffer = new byte[512];
                var read = await client.GetStream().ReadAsync(buffer);
                Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
            }

            var refused = await RawHttp.SendAsync(proxy.Port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", TimeSpan.FromSeconds(5));
            Assert.Equal(0, RawHttp.StatusOf(refused));

            held[0].Dispose();
            held.RemoveAt(0);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (RawHttp.StatusOf(await RawHttp.SendAsync(proxy.Port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) != 200)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }
}
