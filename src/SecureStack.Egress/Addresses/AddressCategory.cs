namespace SecureStack.Egress.Addresses;

/// <summary>What kind of address an IP is, as far as leaving the machine for the internet goes.</summary>
public enum AddressCategory
{
    /// <summary>Globally routable unicast: the only kind the proxy connects to by default.</summary>
    Public,
    Unspecified,
    Loopback,

    /// <summary>RFC 1918 IPv4 private space.</summary>
    Private,

    /// <summary>100.64.0.0/10, carrier-grade NAT (RFC 6598).</summary>
    SharedAddressSpace,
    LinkLocal,
    Multicast,
    Broadcast,

    /// <summary>fc00::/7 (RFC 4193) and the deprecated site-local fec0::/10.</summary>
    UniqueLocal,

    /// <summary>An IPv6 address carrying an IPv4 one (mapped, compatible, NAT64, 6to4, Teredo): its IPv4 part could be anything.</summary>
    EmbeddedIPv4,

    /// <summary>RFC 5737 / RFC 3849 / RFC 9637 examples.</summary>
    Documentation,

    /// <summary>198.18.0.0/15 (RFC 2544): not routed on the internet.</summary>
    Benchmarking,

    /// <summary>Protocol assignments, future use and other special-purpose space that no public host has.</summary>
    Reserved,
}
