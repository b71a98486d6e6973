using System.Text;
using SecureStack.Egress.Allowlist;

namespace SecureStack.Egress.Rendering;

/// <summary>
/// Writes the allowlisting resolver's dnsmasq configuration: every name is NXDOMAIN except the
/// allowlisted ones, which are forwarded upstream and whose A/AAAA answers go into the nftables sets
/// of their ports (dnsmasq 2.87+ <c>nftset=</c>). Private answers are dropped (<c>stop-dns-rebind</c>).
/// </summary>
public static class DnsmasqConfigRenderer
{
    public static string Render(EgressAllowlist allowlist, EgressRenderOptions options)
    {
        options.Validate();
        var text = new StringBuilder();
        text.Append("# Rendered by 'securestack egress render' from ").Append(allowlist.Source).Append("; edit the allowlist, not this file.\n");
        text.Append("no-resolv\nno-hosts\nno-poll\nbind-interfaces\n");
        foreach (var listen in options.DnsListen)
        {
            text.Append("listen-address=").Append(listen).Append('\n');
        }

        text.Append("# Names not listed below get NXDOMAIN.\naddress=/#/\n");
        text.Append("# Drop upstream answers in private ranges (DNS rebinding).\nstop-dns-rebind\n");
        text.Append("domain-needed\nbogus-priv\ncache-size=1000\n");
        if (options.LogQueries)
        {
            text.Append("log-queries\n");
        }

        // A pattern per allowlisted name; its answers feed the set of every port it is allowed on.
        foreach (var group in allowlist.Entries.GroupBy(DomainPattern, StringComparer.Ordinal))
        {
            text.Append("# line ").AppendJoin(", ", group.Select(e => e.Line)).Append(": ").AppendJoin(", ", group.Select(e => e.Pattern)).Append('\n');
            foreach (var upstream in options.UpstreamDns)
            {
                text.Append("server=").Append(group.Key).Append(upstream).Append('\n');
            }

            var sets = group.Select(e => e.Port).Distinct().Order()
                .SelectMany(port => new[]
                {
                    $"4#inet#{options.Table}#{EgressRenderOptions.SetName(4, port)}",
                    $"6#inet#{options.Table}#{EgressRenderOptions.SetName(6, port)}",
                });
            text.Append("nftset=").Append(group.Key).AppendJoin(',', sets).Append('\n');

            // dnsmasq's /name/ also covers subdomains; answer NXDOMAIN for them unless a wildcard entry allows them.
            var entry = group.First();
            if (!entry.IsWildcard && !allowlist.Entries.Any(w => w.IsWildcard && (entry.Domain == w.Domain || entry.Domain.EndsWith("." + w.Domain, StringComparison.Ordinal))))
            {
                text.Append("address=/*.").Append(entry.Domain).Append("/\n");
            }
        }

        return text.ToString();
    }

    /// <summary>dnsmasq's <c>/name/</c> matches the name and its subdomains; <c>/*.name/</c> only the subdomains.</summary>
    private static string DomainPattern(AllowlistEntry entry) => entry.IsWildcard ? $"/*.{entry.Domain}/" : $"/{entry.Domain}/";
}
