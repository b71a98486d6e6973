using System.Collections.Concurrent;
using System.Net;

namespace SecureStack.Proxy.Limits;

/// <summary>A token bucket per client address: <c>burst</c> requests at once, refilled at <c>perSecond</c>.</summary>
internal sealed class AddressRateLimiter(double perSecond, int burst, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();

    public bool Enabled => perSecond > 0;

    public bool TryAcquire(IPAddress address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!Enabled)
        {
            return true;
        }

        var now = time.GetTimestamp();
        if (_buckets.Count > PruneAbove)
        {
            Prune(now);
        }

        var bucket = _buckets.GetOrAdd(address, _ => new Bucket(burst, now));
        lock (bucket)
        {
            Refill(bucket, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds(Math.Ceiling((1 - bucket.Tokens) / perSecond));
            return false;
        }
    }

    private void Refill(Bucket bucket, long now)
    {
        var elapsed = time.GetElapsedTime(bucket.Updated, now).TotalSeconds;
        bucket.Tokens = Math.Min(burst, bucket.Tokens + (elapsed * perSecond));
        bucket.Updated = now;
    }

    private void Prune(long now)
    {
        foreach (var (address, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket, now);
                if (bucket.Tokens >= burst)
                {
                    _buckets.TryRemove(address, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long updated)
    {
        public double Tokens { get; set; } = tokens;

        public long Updated { get; set; } = updated;
    }
}
