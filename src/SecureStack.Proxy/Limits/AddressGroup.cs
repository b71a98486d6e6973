using System.Net;
using System.Net.Sockets;

namespace SecureStack.Proxy.Limits;

/// <summary>
/// The unit a lockout counts and bans: an IPv4 address, or an IPv6 /64 (one subscriber's or host's network, in
/// which an attacker picks new addresses for free). IPv4-mapped IPv6 counts as its IPv4 address.
/// </summary>
internal static class AddressGroup
{
    public static IPAddress Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    /// <summary>How the group reads in audit records and /readyz: the address, or <c>prefix::/64</c>.</summary>
    public static string Describe(IPAddress address)
    {
        var group = Of(address);
        return group.AddressFamily == AddressFamily.InterNetworkV6 ? group + "/64" : group.ToString();
    }
}
