using SecureStack.Quarantine.Watch;

namespace SecureStack.Quarantine.Tests.Watch;

public sealed class DebouncerTests
{
    [Fact]
    public void Settled_HandsOverEachKeyOnceItWasQuietForTheSettleTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var settled = new List<(TimeSpan At, string Key)>();
        using var debouncer = new Debouncer(TimeSpan.FromMilliseconds(500), time,
            keys => settled.AddRange(keys.Select(k => (time.GetUtcNow() - DateTimeOffset.UnixEpoch, k))));

        debouncer.Touch("a");
        time.Advance(TimeSpan.FromMilliseconds(300));
        debouncer.Touch("b");
        time.Advance(TimeSpan.FromMilliseconds(100));
        debouncer.Touch("a"); // a is still being written
        time.Advance(TimeSpan.FromMilliseconds(100)); // t = 500: a's first deadline, but it was touched again
        Assert.Empty(settled);

        time.Advance(TimeSpan.FromMilliseconds(300)); // t = 800: b quiet for 500
        Assert.Equal([(TimeSpan.FromMilliseconds(800), "b")], settled);

        time.Advance(TimeSpan.FromMilliseconds(100)); // t = 900: a quiet for 500
        Assert.Equal((TimeSpan.FromMilliseconds(900), "a"), settled[^1]);
        Assert.Equal(0, debouncer.Pending);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, settled.Count);
    }
}
