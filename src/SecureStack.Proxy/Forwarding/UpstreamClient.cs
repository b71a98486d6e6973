using System.Net;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Forwarding;

/// <summary>The one connection pool toward the gateway, shared by forwarding, the WebSocket relay and /readyz.</summary>
internal sealed class UpstreamClient(ProxyOptions options) : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = CreateInvoker(options, useEnvironmentProxy: false);

    public void Dispose() => Invoker.Dispose();

    /// <summary>
    /// A forwarding pool: no redirects, no decompression, no cookies, no trace headers added. A null propagator
    /// also leaves the diagnostics handler out of the pipeline, which a no-output propagator would keep.
    /// </summary>
    internal static HttpMessageInvoker CreateInvoker(ProxyOptions options, bool useEnvironmentProxy) =>
        new(new SocketsHttpHandler
        {
            UseProxy = useEnvironmentProxy,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.UpstreamConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ActivityHeadersPropagator = null,
        });
}
