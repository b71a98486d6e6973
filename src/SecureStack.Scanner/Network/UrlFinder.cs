using System.Net;
using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Network;

/// <summary>Finds http(s), ws(s), ftp and tcp-style URLs in text and splits out the parts rules care about.</summary>
internal static partial class UrlFinder
{
    public static IEnumerable<FoundUrl> Find(string text)
    {
        foreach (Match match in Url().Matches(text))
        {
            var authority = match.Groups["authority"].Value;
            string? userInfo = null;
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                userInfo = authority[..at];
                authority = authority[(at + 1)..];
            }
            int? port = null;
            var host = authority;
            if (authority.StartsWith('['))
            {
                var close = authority.IndexOf(']');
                host = close > 0 ? authority[1..close] : authority;
            }
            else
            {
                var colon = authority.LastIndexOf(':');
                if (colon > 0)
                {
                    host = authority[..colon];
                    if (int.TryParse(authority.AsSpan(colon + 1), out var parsed))
                    {
                        port = parsed;
                    }
                }
            }
            host = host.TrimEnd('.').ToLowerInvariant();
            if (host.Length > 0)
            {
                yield return new FoundUrl(match.Index, match.Value, host, port, userInfo);
            }
        }
    }

    /// <summary>True for a public IP literal; loopback, private and link-local addresses are local devices.</summary>
    public static bool IsPublicIp(string host)
    {
        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        if (bytes.Length != 4)
        {
            return true;
        }
        // 100.64.0.0/10 is carrier-grade NAT space (Tailscale hands out these addresses): not reachable from the internet.
        return !(bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
            || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127));
    }

    [GeneratedRegex(@"\b(?:https?|wss?|ftp|tcp|stratum\+tcp)://(?<authority>[^\s/?#""'`<>()\[\]{}\\|]*(?:\[[0-9a-fA-F:.]+\][^\s/?#""'`<>()\\|]*)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
