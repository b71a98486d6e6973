using System.Net;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Tests.Limits;

public sealed class LockoutTrackerTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void RecordFailure_BansOnTheNthFailureWithinTheWindow()
    {
        var tracker = new LockoutTracker(5, 100, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
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
        var tracker = new LockoutTracker(3, 100, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        tracker.RecordFailure(Client, out _);
        tracker.RecordFailure(Client, out _);
        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(tracker.RecordFailure(Client, out var n));
        Assert.Equal(1, n);
    }

    [Fact]
    public void IsBanned_LiftsWhenTheBanEnds()
    {
        var tracker = new LockoutTracker(1, 100, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        Assert.True(tracker.RecordFailure(Client, out _));
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(tracker.IsBanned(Client, out var left));
        Assert.Equal(TimeSpan.FromMinutes(1), left);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(tracker.IsBanned(Client, out _));
    }

    [Fact]
    public void RecordFailure_CountsAnIpv6Slash64AsOneClient()
    {
        var tracker = new LockoutTracker(2, 100, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        Assert.False(tracker.RecordFailure(IPAddress.Parse("2001:db8:5:6::1"), out _));
        Assert.True(tracker.RecordFailure(IPAddress.Parse("2001:db8:5:6:aaaa:bbbb:cccc:dddd"), out _));
        Assert.True(tracker.IsBanned(IPAddress.Parse("2001:db8:5:6::99"), out _));
        Assert.False(tracker.IsBanned(IPAddress.Parse("2001:db8:5:7::1"), out _));
        Assert.Equal("2001:db8:5:6::/64", AddressGroup.Describe(IPAddress.Parse("2001:db8:5:6::1")));
        Assert.Equal("192.0.2.10", AddressGroup.Describe(IPAddress.Parse("::ffff:192.0.2.10")));
    }

    [Fact]
    public void RecordFailure_OnceTheGlobalBudgetIsSpent_BansEachAddressAtItsNextFailure_UntilTheWindowPasses()
    {
        var tracker = new LockoutTracker(5, 6, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), _time);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(tracker.RecordFailure(IPAddress.Parse($"198.51.100.{i}"), out _));
        }

        Assert.False(tracker.GlobalBudgetSpent);
        Assert.True(tracker.RecordFailure(IPAddress.Parse("198.51.100.5"), out _));
        Assert.True(tracker.GlobalBudgetSpent);
        Assert.True(tracker.RecordFailure(IPAddress.Parse("198.51.100.6"), out _));
        Assert.False(tracker.IsBanned(IPAddress.Parse("198.51.100.7"), out _));

        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.False(tracker.GlobalBudgetSpent);
        Assert.False(tracker.RecordFailure(IPAddress.Parse("198.51.100.8"), out _));
    }
}
