using System.Diagnostics;
using System.Net;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Forwarding;

/// <summary>The one connection pool toward the gateway, shared by forwarding, the WebSocket relay and /readyz.</summary>
internal sealed class UpstreamClient : IDisposable
{
    public UpstreamClient(ProxyOptions options)
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.UpstreamConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
