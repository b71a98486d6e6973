using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Health;

/// <summary>
/// Degraded (still ready, 200) while a relay provider has no key: chat through it is refused until a person adds the
/// key, and /readyz lists why under <c>warnings</c>.
/// </summary>
internal sealed class RelayKeysHealthCheck(ProxyOptions options) : IHealthCheck
{
    public const string WarningsKey = "warnings";

    private readonly string[] _warnings = [.. options.Relay?.Providers.Where(p => p.MissingKey).Select(p => p.MissingKeyMessage) ?? []];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_warnings.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(data: new Dictionary<string, object> { [WarningsKey] = _warnings }));
}
