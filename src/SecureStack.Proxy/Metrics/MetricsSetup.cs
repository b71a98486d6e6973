using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry.Metrics;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Metrics;

/// <summary>The proxy's metrics: its instruments always, and with PROXY_METRICS_LISTEN the exporter on that listener only.</summary>
internal static class MetricsSetup
{
    /// <summary>ASP.NET Core's request duration histogram (<c>http.server.request.duration</c>).</summary>
    private const string HostingMeter = "Microsoft.AspNetCore.Hosting";

    public static IServiceCollection AddProxyMetrics(this IServiceCollection services, ProxyOptions options)
    {
        if (options.MetricsListen is null)
        {
            // Without a listener nothing subscribes, and each instrument call is a flag check.
            services.AddSingleton<ProxyMetrics>();
            return services;
        }

        // The meter provider listens before the counters start at 0, whichever of pipeline and hosted services starts first.
        services.AddSingleton(s =>
        {
            s.GetRequiredService<MeterProvider>();
            return new ProxyMetrics(s.GetRequiredService<IMeterFactory>());
        });
        services.AddPrometheusExport("securestack-proxy", [ProxyMetrics.MeterName, PromptMetrics.MeterName, HostingMeter]);
        return services;
    }

    /// <summary>On the metrics listener's port: <c>GET /metrics</c>, and 404 for everything else; other ports pass through.</summary>
    public static void MapProxyMetrics(this IApplicationBuilder app, ProxyOptions options)
    {
        if (options.MetricsListen is not { } listen)
        {
            return;
        }

        var port = listen.Port;
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port && context.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
            {
                // Scrapes are not client traffic: keep them out of http.server.request.duration.
                tags.MetricsDisabled = true;
            }

            return next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Connection.LocalPort == port && context.Request.Path == MetricsExport.Path && HttpMethods.IsGet(context.Request.Method));
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
