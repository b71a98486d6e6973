using System.Net;

namespace SecureStack.Egress.Proxy;

/// <summary>The operating system's resolver: in the egress container, the allowlisting dnsmasq.</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
