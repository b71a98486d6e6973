using System.Net;
using System.Net.Sockets;

namespace SecureStack.Egress.Addresses;

/// <summary>
/// Classifies IPv4 and IPv6 addresses by the IANA special-purpose registries. IPv6 is treated as public
/// only inside 2000::/3 (global unicast) and outside the special blocks there; an IPv6 address that
/// embeds an IPv4 one is never public, because the proxy would otherwise reach whatever IPv4 it hides.
/// </summary>
public static class AddressClassifier
{
    /// <summary>Non-public IPv4 blocks, most specific first (the first containing block wins).</summary>
    public static IReadOnlyList<AddressRange> IPv4Ranges { get; } =
    [
        Range("255.255.255.255/32", AddressCategory.Broadcast),
        Range("192.0.0.0/24", AddressCategory.Reserved),
        Range("192.0.2.0/24", AddressCategory.Documentation),
        Range("198.51.100.0/24", AddressCategory.Documentation),
        Range("203.0.113.0/24", AddressCategory.Documentation),
        Range("192.88.99.0/24", AddressCategory.Reserved),
        Range("169.254.0.0/16", AddressCategory.LinkLocal),
        Range("192.168.0.0/16", AddressCategory.Private),
        Range("198.18.0.0/15", AddressCategory.Benchmarking),
        Range("172.16.0.0/12", AddressCategory.Private),
        Range("100.64.0.0/10", AddressCategory.SharedAddressSpace),
        Range("0.0.0.0/8", AddressCategory.Unspecified),
        Range("10.0.0.0/8", AddressCategory.Private),
        Range("127.0.0.0/8", AddressCategory.Loopback),
        Range("224.0.0.0/4", AddressCategory.Multicast),
        Range("240.0.0.0/4", AddressCategory.Reserved),
    ];

    /// <summary>Non-public IPv6 blocks, most specific first; together they cover everything outside 2000::/3.</summary>
    public static IReadOnlyList<AddressRange> IPv6Ranges { get; } =
    [
        Range("::/128", AddressCategory.Unspecified),
        Range("::1/128", AddressCategory.Loopback),
        Range("::ffff:0:0/96", AddressCategory.EmbeddedIPv4),
        Range("::ffff:0:0:0/96", AddressCategory.EmbeddedIPv4),
        Range("64:ff9b::/96", AddressCategory.EmbeddedIPv4),
        Range("64:ff9b:1::/48", AddressCategory.EmbeddedIPv4),
        Range("100::/64", AddressCategory.Reserved),
        Range("::/96", AddressCategory.EmbeddedIPv4),
        Range("2001::/32", AddressCategory.EmbeddedIPv4),
        Range("2001:db8::/32", AddressCategory.Documentation),
        Range("2002::/16", AddressCategory.EmbeddedIPv4),
        Range("3fff::/20", AddressCategory.Documentation),
        Range("2001::/23", AddressCategory.Reserved),
        Range("fe80::/10", AddressCategory.LinkLocal),
        Range("fec0::/10", AddressCategory.UniqueLocal),
        Range("fc00::/7", AddressCategory.UniqueLocal),
        Range("ff00::/8", AddressCategory.Multicast),
        Range("::/3", AddressCategory.Reserved),
        Range("4000::/2", AddressCategory.Reserved),
        Range("8000::/1", AddressCategory.Reserved),
    ];

    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ranges = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IPv4Ranges,
            AddressFamily.InterNetworkV6 => IPv6Ranges,
            _ => throw new ArgumentException($"{address} is neither IPv4 nor IPv6", nameof(address)),
        };

        // IPNetwork.Contains matches a mapped address against IPv4 networks, so decide it first.
        if (address.IsIPv4MappedToIPv6)
        {
            return AddressCategory.EmbeddedIPv4;
        }

        // A scope id does not change what the address is.
        var bare = address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
        foreach (var range in ranges)
        {
            if (range.Network.Contains(bare))
            {
                return range.Category;
            }
        }

        return AddressCategory.Public;
    }

    private static AddressRange Range(string cidr, AddressCategory category) => new(IPNetwork.Parse(cidr), category);
}
