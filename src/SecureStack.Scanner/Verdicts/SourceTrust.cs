using System.Text.RegularExpressions;
using SecureStack.Scanner.Network;

namespace SecureStack.Scanner.Verdicts;

/// <summary>
/// Where a download or send on one line goes: a vendor's named https host, or a place attackers use (raw IP,
/// paste site, webhook collector, tunnel, URL shortener, plain http).
/// </summary>
internal static partial class SourceTrust
{
    /// <summary>The first untrusted destination on the line, or null; <paramref name="hasUrl"/> says whether any URL was seen.</summary>
    public static string? Untrusted(string line, out bool hasUrl)
    {
        hasUrl = false;
        foreach (var url in UrlFinder.Find(line))
        {
            hasUrl = true;
            if (UrlFinder.IsPublicIp(url.Host))
            {
                return $"raw IP {url.Host}";
            }
            if (Collector().IsMatch(url.Text) || Tunnel().IsMatch(url.Text) || Shortener().IsMatch(url.Text))
            {
                return url.Host;
            }
            if (url.Text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLocal(url.Host))
            {
                return $"plain http to {url.Host}";
            }
        }
        return Collector().Match(line) is { Success: true } bare ? bare.Value : null;
    }

    /// <summary>True when the line names a paste site, webhook collector or out-of-band interaction host.</summary>
    public static bool NamesCollector(string line) => Collector().IsMatch(line);

    private static bool IsLocal(string host) =>
        host is "localhost" || host.EndsWith(".local", StringComparison.Ordinal) || host.Contains('$') || host.Contains('{') || host.Contains('<')
        || (System.Net.IPAddress.TryParse(host, out _) && !UrlFinder.IsPublicIp(host)) || !host.Contains('.');

    // Paste sites, webhook collectors and out-of-band hosts: where droppers and stolen data go (THREATS.md §1 family 3).
    [GeneratedRegex(@"(?i)(?<![\w.-])(?<![\w.-]/)(webhook\.site|requestbin\.(com|net)|pipedream\.net|pastebin\.com|paste\.ee|paste\.rs|dpaste\.(com|org)|termbin\.com|ix\.io|sprunge\.us|hastebin\.com|glot\.io|rentry\.(co|org)|transfer\.sh|file\.io|0x0\.st|interact\.sh|oast\.(fun|me|pro|live|site)|burpcollaborator\.net|canarytokens)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Collector();

    // Tunnels expose a local server; fine for receiving webhooks, not as a place to fetch code from.
    [GeneratedRegex(@"(?i)\b(ngrok(-free)?\.(io|app|dev)|bore\.pub|trycloudflare\.com|serveo\.net|localhost\.run)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Tunnel();

    [GeneratedRegex(@"(?i)//(bit\.ly|tinyurl\.com|t\.co|is\.gd|goo\.gl|cutt\.ly|rb\.gy|shorturl\.at|ow\.ly|tiny\.cc|rebrand\.ly|v\.gd)/", RegexOptions.CultureInvariant)]
    private static partial Regex Shortener();
}
