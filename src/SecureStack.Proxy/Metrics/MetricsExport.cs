using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace SecureStack.Proxy.Metrics;

/// <summary>
/// The one way every SecureStack service exports its System.Diagnostics.Metrics instruments: the OpenTelemetry SDK
/// with its Prometheus exporter, served as <see cref="Path"/> on the service's own metrics listener (README.md here).
/// </summary>
public static class MetricsExport
{
    public const string Path = "/metrics";

    /// <summary>.NET's own process and runtime instruments (GC, CPU, thread pool), exported by every service.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>
    /// Registers the OpenTelemetry meter provider for <paramref name="meters"/> with the Prometheus exporter;
    /// <paramref name="service"/> names the service in <c>target_info</c> (securestack-proxy, -egress, -watcher).
    /// </summary>
    public static IServiceCollection AddPrometheusExport(this IServiceCollection services, string service, IEnumerable<string> meters)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(service, serviceVersion: typeof(MetricsExport).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics => metrics
            .AddMeter([RuntimeMeter, .. meters])
            // Prometheus scrapes every few seconds at most; a cached answer would only hide a fresh count.
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
