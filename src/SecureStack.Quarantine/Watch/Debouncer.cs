namespace SecureStack.Quarantine.Watch;

/// <summary>
/// Collects touched keys and hands each one over once it has been quiet for the settle time, so a skill being
/// copied in is scanned once, after its last write, and a busy skill does not delay the others.
/// </summary>
internal sealed class Debouncer : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastTouched = new(StringComparer.Ordinal);
    private readonly TimeSpan _settle;
    private readonly TimeProvider _time;
    private readonly Action<IReadOnlyList<string>> _onSettled;
    private readonly ITimer _timer;

    public Debouncer(TimeSpan settle, TimeProvider time, Action<IReadOnlyList<string>> onSettled)
    {
        _settle = settle;
        _time = time;
        _onSettled = onSettled;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _lastTouched.Count;
            }
        }
    }

    public void Touch(string key)
    {
        lock (_gate)
        {
            var first = _lastTouched.Count == 0;
            _lastTouched[key] = _time.GetUtcNow();
            if (first)
            {
                _timer.Change(_settle, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        List<string> settled;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            settled = [.. _lastTouched.Where(p => now - p.Value >= _settle).Select(p => p.Key).Order(StringComparer.Ordinal)];
            foreach (var key in settled)
            {
                _lastTouched.Remove(key);
            }

            if (_lastTouched.Count > 0)
            {
                var next = _lastTouched.Values.Min() + _settle - now;
                _timer.Change(next > TimeSpan.Zero ? next : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
            }
        }

        if (settled.Count > 0)
        {
            _onSettled(settled);
        }
    }
}
