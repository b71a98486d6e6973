using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SecureStack.Proxy.Metrics;

/// <summary>
/// A stand-alone <c>GET /metrics</c> listener for services that have no HTTP server of their own (the egress proxy
/// and the watcher): a minimal Kestrel on one <c>http://IP:port</c> address, exporting the given meters.
/// </summary>
public sealed class MetricsListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsListener(WebApplication app) => _app = app;

    /// <summary>Binds <paramref name="address"/> (named by <paramref name="setting"/> in errors) and starts serving <paramref name="service"/>'s meters.</summary>
    /// <exception cref="ArgumentException">The address is not <c>http://IP:port</c>.</exception>
    public static async Task<MetricsListener> StartAsync(Uri address, string setting, string service, IEnumerable<string> meters, CancellationToken cancellationToken = default)
    {
        var endpoint = Parse(address, setting);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddPrometheusExport(service, meters);
        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsExport.Path && HttpMethods.IsGet(context.Request.Method));
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new MetricsListener(app);
    }

    /// <summary><c>http://IP:port</c> with a literal address (or localhost) and a port, as PROXY_METRICS_LISTEN takes it.</summary>
    private static IPEndPoint Parse(Uri address, string setting)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = address.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(address.Host, out var parsed) ? parsed : null;
        if (address.Scheme != Uri.UriSchemeHttp || ip is null || address.AbsolutePath != "/")
        {
            throw new ArgumentException($"{setting}: \"{address.OriginalString}\" is not http://IP:port (for example http://127.0.0.1:9464)");
        }

        return new IPEndPoint(ip, address.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
