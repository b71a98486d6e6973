using System.Net;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Tests.Limits;

public sealed class LockoutTrackerTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void RecordFailure_BansOnTheNthFailureWithinTheWindow()
    {
        var tracker = new LockoutTracker(5, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        for (var i = 1; i <= 4; i++)
        {
            Assert.False(tracker.RecordFailure(Client, out var n));
            Assert.Equal(i, n);
        }

        Assert.False(tracker.IsBanned(Client, out _));
        Assert.True(tracker.RecordFailure(Client, out _));
        Assert.True(tracker.IsBanned(Client, out var retry));
        Assert.Equal(TimeSpan.FromMinutes(15), retry);
        Assert.False(tracker.IsBanned(IPAddress.Parse("192.0.2.11"), out _));
    }

    [Fact]
    public void RecordFailure_ForgetsFailuresOlderThanTheWindow()
    {
        var tracker = new LockoutTracker(3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        tracker.RecordFailure(Client, out _);
        tracker.RecordFailure(Client, out _);
        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(tracker.RecordFailure(Client, out var n));
        Assert.Equal(1, n);
    }

    [Fact]
    public void IsBanned_LiftsWhenTheBanEnds()
    {
        var tracker = new LockoutTracker(1, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        Assert.True(tracker.RecordFailure(Client, out _));
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(tracker.IsBanned(Client, out var left));
        Assert.Equal(TimeSpan.FromMinutes(1), left);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(tracker.IsBanned(Client, out _));
    }
}
