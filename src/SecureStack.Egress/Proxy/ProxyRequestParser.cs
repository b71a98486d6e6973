using System.Globalization;

namespace SecureStack.Egress.Proxy;

/// <summary>
/// Parses the request head a client sends to the proxy. Strict on purpose: anything ambiguous
/// (bare CR or LF, folded headers, user info in the target) is refused rather than interpreted.
/// </summary>
internal static class ProxyRequestParser
{
    /// <summary>Parses <paramref name="head"/> (everything before the blank line); returns null and sets <paramref name="error"/> when it is refused.</summary>
    public static ProxyRequest? Parse(string head, out string error)
    {
        error = "";
        var lines = head.Split("\r\n");
        if (lines.Any(l => l.Contains('\r', StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal)))
        {
            error = "bare CR or LF in the request head";
            return null;
        }

        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            error = "malformed request line";
            return null;
        }

        var (method, target, version) = (parts[0], parts[1], parts[2]);
        if (version is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            error = $"unsupported protocol version {version}";
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[0] is ' ' or '\t' || line.AsSpan(0, colon).ContainsAny(' ', '\t'))
            {
                error = "malformed header line";
                return null;
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        if (method == "CONNECT")
        {
            if (!TrySplitAuthority(target, defaultPort: null, out var host, out var port))
            {
                error = "CONNECT needs host:port";
                return null;
            }

            return new ProxyRequest(ProxyRequestKind.Connect, host, port, method, "", version, headers);
        }

        if (target.StartsWith('/'))
        {
            return new ProxyRequest(ProxyRequestKind.Local, "", 0, method, target, version, headers);
        }

        const string HttpScheme = "http://";
        if (!target.StartsWith(HttpScheme, StringComparison.OrdinalIgnoreCase))
        {
            error = target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? "https targets must be tunnelled with CONNECT"
                : "the target must be host:port (CONNECT) or an absolute http:// URL";
            return null;
        }

        var rest = target[HttpScheme.Length..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        var path = end < 0 ? "/" : rest[end] == '/' ? rest[end..] : "/" + rest[end..];
        if (authority.Contains('@', StringComparison.Ordinal) || !TrySplitAuthority(authority, defaultPort: 80, out var httpHost, out var httpPort))
        {
            error = "the URL's authority must be host[:port] without user info";
            return null;
        }

        return new ProxyRequest(ProxyRequestKind.AbsoluteHttp, httpHost, httpPort, method, path, version, headers);
    }

    /// <summary>Splits <c>host:port</c> or <c>[v6]:port</c>; the port may be left out only when <paramref name="defaultPort"/> is given.</summary>
    private static bool TrySplitAuthority(string authority, int? defaultPort, out string host, out int port)
    {
        host = "";
        port = 0;
        string portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = authority[1..close];
            portText = authority[(close + 1)..];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? "" : authority[colon..];
        }

        if (host.Length == 0)
        {
            return false;
        }

        if (portText.Length == 0)
        {
            port = defaultPort ?? 0;
            return defaultPort is not null;
        }

        return portText[0] == ':'
            && int.TryParse(portText.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }
}
