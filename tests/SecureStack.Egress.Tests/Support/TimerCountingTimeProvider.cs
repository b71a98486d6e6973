namespace SecureStack.Egress.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that counts the timers made from it, so a test can wait until the server has armed its timeout before moving the clock.</summary>
internal sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timersCreated);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
