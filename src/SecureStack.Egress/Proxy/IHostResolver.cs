using System.Net;

namespace SecureStack.Egress.Proxy;

/// <summary>Turns a host name into addresses; the system resolver in production.</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
