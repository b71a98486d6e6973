using System.Net;
using System.Threading.RateLimiting;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Tests.Limits;

public sealed class AddressRateLimitsTests
{
    private static readonly TimeSpan RefillBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Acquire_AllowsTheBurstThenRefillsWithTime()
    {
        using var limiter = AddressRateLimits.Create(perSecond: 2, burst: 3);
        var client = Request("192.0.2.20");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.AttemptAcquire(client).IsAcquired);
        }

        using (var refused = limiter.AttemptAcquire(client))
        {
            Assert.False(refused.IsAcquired);
            Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retry));
            Assert.Equal(TimeSpan.FromSeconds(1), retry);
        }

        Assert.True(limiter.AttemptAcquire(Request("192.0.2.21")).IsAcquired);

        // The framework's bucket refills on real time (its own timer), not on a test clock: a period is a second.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!limiter.AttemptAcquire(client).IsAcquired)
        {
            Assert.True(waited.Elapsed < RefillBound, "the bucket did not refill");
            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData(50, 50, 1.0)]
    [InlineData(2, 2, 1.0)]
    [InlineData(0.5, 1, 2.0)]
    [InlineData(1.5, 2, 4.0 / 3)]
    public void Bucket_RefillsAtExactlyTheConfiguredRate(double perSecond, int tokens, double periodSeconds)
    {
        var bucket = AddressRateLimits.Bucket(perSecond, burst: 200);
        Assert.Equal(200, bucket.TokenLimit);
        Assert.Equal(tokens, bucket.TokensPerPeriod);
        Assert.Equal(periodSeconds, bucket.ReplenishmentPeriod.TotalSeconds, 6);
        Assert.Equal(0, bucket.QueueLimit);
    }

    [Fact]
    public void AddProxyRateLimiting_ZeroRateMeansNoLimit()
    {
        var options = new ProxyOptions { Tokens = [], Upstream = new Uri("http://127.0.0.1:1"), RateLimitPerSecond = 0 };
        using var services = new ServiceCollection().AddProxyRateLimiting(options).BuildServiceProvider();
        Assert.Null(services.GetService<PartitionedRateLimiter<HttpContext>>());
    }

    private static DefaultHttpContext Request(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }
}
