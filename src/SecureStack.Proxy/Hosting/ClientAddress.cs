using System.Net;

namespace SecureStack.Proxy.Hosting;

/// <summary>
/// The client's address. It is the socket's peer, unless that peer is one of PROXY_TRUSTED_FORWARDERS (a TLS
/// terminator or load balancer in front of the proxy): then it is the last X-Forwarded-For entry that the
/// forwarder appended. Headers from anyone else are never believed.
/// </summary>
internal static class ClientAddress
{
    private static readonly object ItemKey = new();

    public static IPAddress Of(HttpContext context) => context.Items[ItemKey] as IPAddress ?? Peer(context);

    /// <summary>Decides the address once per request, before anything uses it.</summary>
    public static void Resolve(HttpContext context, IReadOnlyList<IPAddress> trustedForwarders)
    {
        var peer = Peer(context);
        var address = peer;
        if (trustedForwarders.Count > 0 && trustedForwarders.Contains(peer)
            && context.Request.Headers["X-Forwarded-For"] is { Count: > 0 } forwarded
            && forwarded[^1]?.Split(',')[^1].Trim() is { } last
            && IPAddress.TryParse(last, out var client))
        {
            address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        }

        context.Items[ItemKey] = address;
    }

    private static IPAddress Peer(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : IPAddress.None;
}
