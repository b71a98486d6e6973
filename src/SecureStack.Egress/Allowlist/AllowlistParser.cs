using System.Collections.Frozen;
using System.Globalization;

namespace SecureStack.Egress.Allowlist;

/// <summary>
/// Parses <c>egress-allowlist.conf</c>: one host per line, <c>#</c> comments, <c>*.example.com</c> for
/// subdomains, optional <c>:port</c> (443 otherwise). Bad or too-broad lines are reported with their
/// line number and skipped, never widened (FR-9 AC-4).
/// </summary>
public static class AllowlistParser
{
    /// <summary>Suffixes under which anyone can register or publish: a wildcard on them allows attacker hosts.</summary>
    private static readonly FrozenSet<string> SharedSuffixes = FrozenSet.ToFrozenSet(
    [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "ne.jp", "or.jp",
        "com.br", "com.cn", "com.mx", "com.tr", "co.za", "co.in", "co.kr", "com.sg", "com.hk", "com.tw",
        "amazonaws.com", "cloudfront.net", "azurewebsites.net", "blob.core.windows.net", "cloudapp.net",
        "herokuapp.com", "appspot.com", "firebaseapp.com", "web.app", "github.io", "githubusercontent.com",
        "gitlab.io", "vercel.app", "netlify.app", "pages.dev", "workers.dev", "ngrok.io", "ngrok-free.app",
        "r2.dev", "onrender.com", "fly.dev", "glitch.me", "repl.co", "trycloudflare.com",
    ], StringComparer.Ordinal);

    public static EgressAllowlist Parse(string text, string source)
    {
        var entries = new List<AllowlistEntry>();
        var problems = new List<AllowlistProblem>();
        var seen = new Dictionary<(string, bool, int), int>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var content = StripComment(lines[i]).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            if (ParseLine(content, lineNumber, out var entry) is { } message)
            {
                problems.Add(new AllowlistProblem(source, lineNumber, message));
            }
            else if (seen.TryGetValue((entry!.Domain, entry.IsWildcard, entry.Port), out var first))
            {
                problems.Add(new AllowlistProblem(source, lineNumber, $"\"{content}\" repeats line {first}"));
            }
            else
            {
                seen.Add((entry.Domain, entry.IsWildcard, entry.Port), lineNumber);
                entries.Add(entry);
            }
        }

        return new EgressAllowlist(source, entries, problems);
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    /// <summary>Returns null and the entry when the line is good, else the message saying what to fix.</summary>
    private static string? ParseLine(string content, int line, out AllowlistEntry? entry)
    {
        entry = null;
        if (content.Any(char.IsWhiteSpace))
        {
            return $"\"{content}\" has spaces; write one host per line";
        }

        if (content.Contains("://", StringComparison.Ordinal))
        {
            return $"\"{content}\" is a URL; write the host name only (api.example.com or api.example.com:8443)";
        }

        if (content.Contains('/', StringComparison.Ordinal))
        {
            return HostNames.IsAddressLiteral(content[..content.IndexOf('/', StringComparison.Ordinal)])
                ? $"\"{content}\" is an IP range; the allowlist takes host names, list the API hosts you need"
                : $"\"{content}\" has a path; write the host name only";
        }

        if (content.StartsWith('[') || content.Count(c => c == ':') > 1)
        {
            return $"\"{content}\" is an IP address; the allowlist takes host names and the proxy refuses IP targets";
        }

        var host = content;
        var port = AllowlistEntry.DefaultPort;
        var colon = content.LastIndexOf(':');
        if (colon >= 0)
        {
            host = content[..colon];
            var portText = content[(colon + 1)..];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return $"\"{content}\" has port \"{portText}\"; give a number from 1 to 65535";
            }
        }

        if (host is "*" or "*." or "")
        {
            return host.Length == 0
                ? $"\"{content}\" has no host name"
                : $"\"{content}\" allows every host; list the API hosts you need";
        }

        var isWildcard = host.StartsWith("*.", StringComparison.Ordinal);
        var name = isWildcard ? host[2..] : host;
        if (name.Contains('*', StringComparison.Ordinal))
        {
            return $"\"{content}\" has a wildcard inside a name; only a whole first label may be one (*.example.com)";
        }

        if (HostNames.IsAddressLiteral(name))
        {
            return $"\"{content}\" is an IP address; the allowlist takes host names and the proxy refuses IP targets";
        }

        if (HostNames.Normalize(name) is not { } domain)
        {
            return $"\"{content}\" is not a valid host name (letters, digits, hyphens and dots; use the xn-- form for international names)";
        }

        if (!domain.Contains('.', StringComparison.Ordinal))
        {
            return isWildcard
                ? $"\"{content}\" is too broad; list the API hosts you need"
                : $"\"{content}\" is not a fully qualified host name; write the full name (api.example.com)";
        }

        if (domain.Split('.')[^1].All(char.IsAsciiDigit))
        {
            return $"\"{content}\" is not a valid host name: its last label is a number";
        }

        if (domain == "localhost" || domain.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return $"\"{content}\" names this machine; the egress proxy only connects to public addresses";
        }

        if (isWildcard && SharedSuffixes.Contains(domain))
        {
            return $"\"{content}\" is too broad: anyone can publish hosts under {domain}; list the exact hosts you need";
        }

        entry = new AllowlistEntry(domain, isWildcard, port, line);
        return null;
    }
}
