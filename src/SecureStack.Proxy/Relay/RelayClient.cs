using System.Diagnostics;
using System.Net;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// The connection pool toward the model providers, separate from the gateway's. Unlike the gateway's pool it
/// honours HTTPS_PROXY/NO_PROXY: in the Compose deployment the providers are reached through the egress proxy.
/// </summary>
internal sealed class RelayClient : IDisposable
{
    public RelayClient(ProxyOptions options)
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = true,
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
