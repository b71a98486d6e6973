using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SecureStack.Egress.Addresses;
using SecureStack.Egress.Allowlist;

namespace SecureStack.Egress.Rendering;

/// <summary>
/// Writes the egress host's nftables ruleset: outbound traffic only to addresses the allowlisting
/// resolver put into the per-port sets, plus DNS to the upstream resolvers; never to special-purpose
/// space even if it got into a set; everything else logged and dropped; no forwarding at all.
/// </summary>
public static class NftablesRulesetRenderer
{
    public static string Render(EgressAllowlist allowlist, EgressRenderOptions options)
    {
        options.Validate();
        var table = options.Table;
        var timeout = ((int)options.SetTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var text = new StringBuilder();
        text.Append("# Rendered by 'securestack egress render' from ").Append(allowlist.Source).Append("; edit the allowlist, not this file.\n");
        // Declare then delete: loading the file replaces the table whether or not it existed.
        text.Append("table inet ").Append(table).Append('\n');
        text.Append("delete table inet ").Append(table).Append('\n');
        text.Append("table inet ").Append(table).Append(" {\n");
        foreach (var port in allowlist.Ports)
        {
            text.Append("\tset ").Append(EgressRenderOptions.SetName(4, port)).Append(" { type ipv4_addr; flags timeout; timeout ").Append(timeout).Append("; }\n");
            text.Append("\tset ").Append(EgressRenderOptions.SetName(6, port)).Append(" { type ipv6_addr; flags timeout; timeout ").Append(timeout).Append("; }\n");
        }

        AppendNeverSet(text, "never4", "ipv4_addr", AddressClassifier.IPv4Ranges, options.AddressPolicy);
        AppendNeverSet(text, "never6", "ipv6_addr", AddressClassifier.IPv6Ranges, options.AddressPolicy);

        text.Append("\tchain output {\n\t\ttype filter hook output priority filter; policy drop;\n");
        text.Append("\t\toifname \"lo\" accept\n");
        text.Append("\t\tct state established,related accept\n");
        foreach (var upstream in options.UpstreamDns)
        {
            var family = upstream.AddressFamily == AddressFamily.InterNetwork ? "ip" : "ip6";
            text.Append("\t\t").Append(family).Append(" daddr ").Append(upstream).Append(" udp dport 53 accept\n");
            text.Append("\t\t").Append(family).Append(" daddr ").Append(upstream).Append(" tcp dport 53 accept\n");
        }

        text.Append("\t\tip daddr @never4 counter log prefix \"egress-never: \" drop\n");
        text.Append("\t\tip6 daddr @never6 counter log prefix \"egress-never: \" drop\n");
        foreach (var port in allowlist.Ports)
        {
            text.Append("\t\tip daddr @").Append(EgressRenderOptions.SetName(4, port)).Append(" tcp dport ").Append(port).Append(" counter accept\n");
            text.Append("\t\tip6 daddr @").Append(EgressRenderOptions.SetName(6, port)).Append(" tcp dport ").Append(port).Append(" counter accept\n");
        }

        text.Append("\t\tcounter log prefix \"egress-drop: \" drop\n\t}\n");
        AppendInputChain(text, options);
        text.Append("\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n");
        text.Append("\t\tcounter log prefix \"egress-forward: \" drop\n\t}\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Only the client networks may reach the proxy and the resolver; replies to our own connections come back.</summary>
    private static void AppendInputChain(StringBuilder text, EgressRenderOptions options)
    {
        if (options.ClientNetworks.Count == 0)
        {
            return;
        }

        text.Append("\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n");
        text.Append("\t\tiifname \"lo\" accept\n");
        text.Append("\t\tct state established,related accept\n");
        text.Append("\t\tmeta l4proto { icmp, ipv6-icmp } accept\n");
        foreach (var network in options.ClientNetworks)
        {
            var family = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? "ip" : "ip6";
            text.Append("\t\t").Append(family).Append(" saddr ").Append(network).Append(" tcp dport ").Append(options.ProxyPort).Append(" accept\n");
            text.Append("\t\t").Append(family).Append(" saddr ").Append(network).Append(" meta l4proto { tcp, udp } th dport 53 accept\n");
        }

        text.Append("\t\tcounter log prefix \"egress-in-drop: \" drop\n\t}\n");
    }

    private static void AppendNeverSet(StringBuilder text, string name, string type, IReadOnlyList<AddressRange> ranges, AddressPolicy policy)
    {
        var networks = ranges
            .Where(r => !policy.TreatAsPublic.Any(p => Overlaps(p, r.Network)))
            .Select(r => r.Network.ToString());
        text.Append("\tset ").Append(name).Append(" {\n\t\ttype ").Append(type).Append("; flags interval; auto-merge;\n");
        text.Append("\t\telements = { ").AppendJoin(", ", networks).Append(" }\n\t}\n");
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
