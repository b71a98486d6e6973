namespace SecureStack.Egress.Proxy;

/// <summary>Cancels a tunnel when no byte has moved either way for the idle timeout.</summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationTokenSource _cancel;
    private readonly ITimer _timer;
    private long _lastActivity;

    public IdleWatch(TimeProvider time, TimeSpan idleTimeout, CancellationTokenSource cancel)
    {
        _time = time;
        _idleTimeout = idleTimeout;
        _cancel = cancel;
        _lastActivity = time.GetTimestamp();
        // Checking four times per timeout bounds the overshoot to a quarter of it.
        var period = idleTimeout / 4;
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    public bool IdledOut { get; private set; }

    public void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        if (_time.GetElapsedTime(Volatile.Read(ref _lastActivity)) >= _idleTimeout)
        {
            IdledOut = true;
            _cancel.Cancel();
        }
    }
}
