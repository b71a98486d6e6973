using System.Net;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Tests.Limits;

public sealed class AddressRateLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.20");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryAcquire_AllowsTheBurstThenRefillsAtTheRate()
    {
        var limiter = new AddressRateLimiter(perSecond: 2, burst: 3, _time);
        Assert.True(limiter.TryAcquire(Client, out _));
        Assert.True(limiter.TryAcquire(Client, out _));
        Assert.True(limiter.TryAcquire(Client, out _));
        Assert.False(limiter.TryAcquire(Client, out var retry));
        Assert.Equal(TimeSpan.FromSeconds(1), retry);
        Assert.True(limiter.TryAcquire(IPAddress.Parse("192.0.2.21"), out _));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(limiter.TryAcquire(Client, out _));
        Assert.False(limiter.TryAcquire(Client, out _));
        _time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryAcquire(Client, out _));
        }

        Assert.False(limiter.TryAcquire(Client, out _));
    }

    [Fact]
    public void TryAcquire_ZeroRateMeansNoLimit()
    {
        var limiter = new AddressRateLimiter(perSecond: 0, burst: 1, _time);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(limiter.TryAcquire(Client, out _));
        }
    }
}
