using System.Net;

namespace SecureStack.Proxy.Hosting;

/// <summary>The client's address as the socket saw it; client-supplied forwarding headers are never believed.</summary>
internal static class ClientAddress
{
    public static IPAddress Of(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : IPAddress.None;
}
