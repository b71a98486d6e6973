using System.Net;
using SecureStack.Egress.Addresses;

namespace SecureStack.Egress.Rendering;

/// <summary>Settings for <c>securestack egress render</c>; <see cref="Validate"/> names the option at fault.</summary>
public sealed record EgressRenderOptions
{
    /// <summary>The resolvers allowlisted names are forwarded to (<c>--upstream-dns</c>); the only DNS the packet filter lets out.</summary>
    public required IReadOnlyList<IPAddress> UpstreamDns { get; init; }

    /// <summary>Addresses dnsmasq answers on (<c>--dns-listen</c>).</summary>
    public IReadOnlyList<IPAddress> DnsListen { get; init; } = [IPAddress.Loopback];

    /// <summary>The nftables table the ruleset creates and dnsmasq fills.</summary>
    public string Table { get; init; } = "securestack_egress";

    /// <summary>How long a resolved address stays reachable; dnsmasq adds it again on every lookup.</summary>
    public TimeSpan SetTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Ranges treated as public by the proxy; left out of the never-reachable sets so both layers agree.</summary>
    public AddressPolicy AddressPolicy { get; init; } = AddressPolicy.Default;

    /// <summary>Networks allowed to reach the proxy and the resolver (<c>--client-cidr</c>); when empty no input chain is rendered.</summary>
    public IReadOnlyList<IPNetwork> ClientNetworks { get; init; } = [];

    /// <summary>The proxy's port, opened to <see cref="ClientNetworks"/> (<c>--proxy-port</c>).</summary>
    public int ProxyPort { get; init; } = 3128;

    /// <summary>Log every query dnsmasq answers (<c>--log-queries</c>).</summary>
    public bool LogQueries { get; init; }

    public void Validate()
    {
        if (UpstreamDns.Count == 0)
        {
            throw new ArgumentException("--upstream-dns (EGRESS_UPSTREAM_DNS) is required: the resolver allowlisted names are forwarded to");
        }

        if (DnsListen.Count == 0)
        {
            throw new ArgumentException("--dns-listen needs at least one address");
        }

        if (Table.Length == 0 || !Table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"the nftables table name \"{Table}\" may only have letters, digits and underscores");
        }

        if (ProxyPort is < 1 or > 65535)
        {
            throw new ArgumentException($"--proxy-port must be from 1 to 65535 (got {ProxyPort})");
        }

        if (SetTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("the nftables set timeout must be at least one second");
        }
    }

    internal static string SetName(int family, int port) => $"allow{family}_{port}";
}
