using System.Collections.Concurrent;
using System.Net;

namespace SecureStack.Proxy.Limits;

/// <summary>
/// Bans an address group (<see cref="AddressGroup"/>) after <c>threshold</c> failed authentications within
/// <c>window</c>, for <c>ban</c>. Failures from all groups also share a budget of <c>globalThreshold</c> per window:
/// once it is spent, every group is banned at its next failure, so guesses spread over many addresses are caught
/// without locking out clients that do not fail. Time comes from <see cref="TimeProvider"/> so tests move it by hand.
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting's window limiters were considered: they keep their own clock rather than a
/// <see cref="TimeProvider"/>, and cannot say how long a ban has left, which the login page and /readyz show.
/// </remarks>
internal sealed class LockoutTracker(int threshold, int globalThreshold, TimeSpan window, TimeSpan ban, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    /// <summary>The newest failures from all groups, at most <c>globalThreshold</c> of them: enough to tell whether the budget is spent.</summary>
    private readonly Queue<DateTimeOffset> _recent = new();

    /// <summary>True while the address's group is banned; <paramref name="retryAfter"/> is the time left.</summary>
    public bool IsBanned(IPAddress address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_entries.TryGetValue(AddressGroup.Of(address), out var entry))
        {
            return false;
        }

        var now = time.GetUtcNow();
        lock (entry)
        {
            if (entry.BannedUntil > now)
            {
                retryAfter = entry.BannedUntil - now;
                return true;
            }
        }

        return false;
    }

    /// <summary>True while failures from all addresses within the window have reached the global budget.</summary>
    public bool GlobalBudgetSpent
    {
        get
        {
            lock (_recent)
            {
                return Spent(time.GetUtcNow());
            }
        }
    }

    /// <summary>Counts a failure; returns true when this failure starts a ban of the address's group.</summary>
    public bool RecordFailure(IPAddress address, out int failures)
    {
        var now = time.GetUtcNow();
        if (_entries.Count > PruneAbove)
        {
            Prune(now);
        }

        bool spent;
        lock (_recent)
        {
            _recent.Enqueue(now);
            if (_recent.Count > globalThreshold)
            {
                _recent.Dequeue();
            }

            spent = Spent(now);
        }

        var entry = _entries.GetOrAdd(AddressGroup.Of(address), static _ => new Entry());
        lock (entry)
        {
            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() > window)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            failures = entry.Failures.Count;
            if ((entry.Failures.Count < threshold && !spent) || entry.BannedUntil > now)
            {
                return false;
            }

            entry.BannedUntil = now + ban;
            entry.Failures.Clear();
            return true;
        }
    }

    private bool Spent(DateTimeOffset now) => _recent.Count >= globalThreshold && now - _recent.Peek() <= window;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (group, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.BannedUntil <= now && (entry.Failures.Count == 0 || now - entry.Failures.Peek() > window))
                {
                    _entries.TryRemove(group, out _);
                }
            }
        }
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset BannedUntil { get; set; }
    }
}
