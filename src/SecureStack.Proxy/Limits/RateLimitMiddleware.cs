using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Limits;

/// <summary>Answers 429 with Retry-After when an address exceeds its request rate (health checks are exempt: they come first).</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, AddressRateLimiter limiter, ProxyMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (limiter.TryAcquire(ClientAddress.Of(context), out var retryAfter))
        {
            return next(context);
        }

        metrics.Blocked("rate_limit");
        return ProxyResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, retryAfter);
    }
}
