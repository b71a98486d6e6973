using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Forwarding;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// The connection pool toward the model providers, separate from the gateway's. Unlike the gateway's pool it
/// honours HTTPS_PROXY/NO_PROXY: in the Compose deployment the providers are reached through the egress proxy.
/// </summary>
internal sealed class RelayClient(ProxyOptions options) : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = UpstreamClient.CreateInvoker(options, useEnvironmentProxy: true);

    public void Dispose() => Invoker.Dispose();
}
