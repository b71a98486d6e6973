using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Forwarding;

namespace SecureStack.Proxy.Health;

/// <summary>Ready when the gateway answers its own <c>/healthz</c>; a timeout (the registration's) counts as not ready.</summary>
internal sealed class UpstreamHealthCheck(ProxyOptions options, UpstreamClient upstream, TimeProvider time) : IHealthCheck
{
    /// <summary>/readyz needs no authentication, so its answer is reused briefly rather than asking the gateway per request.</summary>
    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(1);

    private readonly Uri _upstreamHealth = new(options.Upstream, "/healthz");
    private readonly Lock _gate = new();
    private (long Timestamp, bool Ready)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await ReadyAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();

    private async Task<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_last is { } last && time.GetElapsedTime(last.Timestamp) < CacheTime)
            {
                return last.Ready;
            }
        }

        var ready = await AskAsync(cancellationToken);
        lock (_gate)
        {
            _last = (time.GetTimestamp(), ready);
        }

        return ready;
    }

    private async Task<bool> AskAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _upstreamHealth);
            using var response = await upstream.Invoker.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
