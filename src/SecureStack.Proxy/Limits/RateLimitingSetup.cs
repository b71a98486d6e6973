using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Limits;

/// <summary>
/// Registers ASP.NET Core's rate limiting middleware with <see cref="AddressRateLimits"/> as its global limiter. A
/// refused request gets the proxy's own 429 body with Retry-After and counts as <c>rate_limit</c> in the metrics.
/// Nothing is registered when PROXY_RATE_LIMIT is 0.
/// </summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddProxyRateLimiting(this IServiceCollection services, ProxyOptions options)
    {
        if (options.RateLimitPerSecond <= 0)
        {
            return services;
        }

        // A singleton so that the container disposes it (and its refill timer) with the host.
        services.AddSingleton(_ => AddressRateLimits.Create(options.RateLimitPerSecond, options.RateLimitBurst));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<PartitionedRateLimiter<HttpContext>, ProxyMetrics>((limits, limiter, metrics) =>
        {
            limits.GlobalLimiter = limiter;
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.OnRejected = (rejected, _) =>
            {
                metrics.Blocked("rate_limit");
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                return new ValueTask(ProxyResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, retryAfter));
            };
        });
        return services;
    }

    /// <summary>Adds the middleware where the pipeline wants it (after health, before the relay and authentication).</summary>
    public static IApplicationBuilder UseProxyRateLimiting(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<PartitionedRateLimiter<HttpContext>>() is null ? app : app.UseRateLimiter();
}
