using System.Net;
using System.Threading.RateLimiting;
using SecureStack.Proxy.Hosting;

namespace SecureStack.Proxy.Limits;

/// <summary>
/// The per-address request limit (PROXY_RATE_LIMIT, PROXY_RATE_BURST): a token bucket per client address, holding
/// <c>burst</c> requests, refilled at <c>perSecond</c>. The partitioned limiter refills its buckets on its own 100 ms
/// timer and drops buckets that have been full for a while, so idle addresses cost nothing.
/// </summary>
internal static class AddressRateLimits
{
    public static PartitionedRateLimiter<HttpContext> Create(double perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var bucket = Bucket(perSecond, burst);
        return PartitionedRateLimiter.Create<HttpContext, IPAddress>(
            context => RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ => bucket));
    }

    /// <summary>
    /// The framework's bucket refills in whole tokens per period: ceil(<paramref name="perSecond"/>) tokens every
    /// ceil(perSecond)/perSecond seconds keeps the rate exact (50/s: 50 a second; 0.5/s: one every two seconds) and
    /// the period at a second or more, well above the limiter's 100 ms timer, whose ticks would otherwise slow it.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst)
    {
        var tokens = (int)Math.Ceiling(perSecond);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
