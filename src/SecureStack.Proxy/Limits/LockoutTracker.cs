using System.Collections.Concurrent;
using System.Net;

namespace SecureStack.Proxy.Limits;

/// <summary>
/// Bans an address after <c>threshold</c> failed authentications within <c>window</c>, for <c>ban</c>.
/// Time comes from <see cref="TimeProvider"/> so tests move it by hand.
/// </summary>
internal sealed class LockoutTracker(int threshold, TimeSpan window, TimeSpan ban, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    /// <summary>True while the address is banned; <paramref name="retryAfter"/> is the time left.</summary>
    public bool IsBanned(IPAddress address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_entries.TryGetValue(address, out var entry))
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

    /// <summary>Counts a failure; returns true when this failure starts a ban.</summary>
    public bool RecordFailure(IPAddress address, out int failures)
    {
        var now = time.GetUtcNow();
        if (_entries.Count > PruneAbove)
        {
            Prune(now);
        }

        var entry = _entries.GetOrAdd(address, static _ => new Entry());
        lock (entry)
        {
            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() > window)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            failures = entry.Failures.Count;
            if (entry.Failures.Count < threshold || entry.BannedUntil > now)
            {
                return false;
            }

            entry.BannedUntil = now + ban;
            entry.Failures.Clear();
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.BannedUntil <= now && (entry.Failures.Count == 0 || now - entry.Failures.Peek() > window))
                {
                    _entries.TryRemove(address, out _);
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
