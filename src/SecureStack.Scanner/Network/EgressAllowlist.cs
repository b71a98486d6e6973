namespace SecureStack.Scanner.Network;

/// <summary>
/// The scanner's reading of <c>config/egress-allowlist.conf</c>: one host per line, <c>#</c> comments,
/// <c>*.example.com</c> wildcards (subdomains only), optional <c>:port</c>. The egress firewall has its own
/// stricter parser; this one only answers "is this host listed".
/// </summary>
internal sealed class EgressAllowlist
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly Dictionary<string, HashSet<int>> _ports = new(StringComparer.OrdinalIgnoreCase);

    public static EgressAllowlist Empty { get; } = new();

    public static EgressAllowlist Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScannerConfigurationException($"{path}: the egress allowlist cannot be read ({e.Message})", e);
        }
        return Parse(path, lines);
    }

    public static EgressAllowlist Parse(string path, IReadOnlyList<string> lines)
    {
        var list = new EgressAllowlist();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#');
            var entry = (hash < 0 ? line : line[..hash]).Trim();
            if (entry.Length == 0)
            {
                continue;
            }
            int? port = null;
            var colon = entry.LastIndexOf(':');
            if (colon > 0)
            {
                if (!int.TryParse(entry.AsSpan(colon + 1), out var parsed) || parsed is < 1 or > 65535)
                {
                    throw new ScannerConfigurationException($"{path}:{i + 1}: \"{entry}\" has an invalid port");
                }
                port = parsed;
                entry = entry[..colon];
            }
            if (entry.StartsWith("*.", StringComparison.Ordinal) && entry.Length > 2 && !entry[2..].Contains('*'))
            {
                list._suffixes.Add(entry[1..].ToLowerInvariant());
            }
            else if (entry.Contains('*') || entry.Contains('/') || entry.Contains(' '))
            {
                throw new ScannerConfigurationException($"{path}:{i + 1}: \"{entry}\" is not a host name or *.domain wildcard");
            }
            else
            {
                list._exact.Add(entry);
            }
            if (port is { } p)
            {
                if (!list._ports.TryGetValue(entry, out var ports))
                {
                    list._ports[entry] = ports = [];
                }
                ports.Add(p);
            }
        }
        return list;
    }

    public bool IsAllowed(string host, int? port)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        string? matched = null;
        if (_exact.Contains(host))
        {
            matched = host;
        }
        else
        {
            foreach (var suffix in _suffixes)
            {
                if (host.EndsWith(suffix, StringComparison.Ordinal) && host.Length > suffix.Length)
                {
                    matched = "*" + suffix;
                    break;
                }
            }
        }
        if (matched is null)
        {
            return false;
        }
        // An entry with ports allows only those; one without allows the scheme's defaults.
        return !_ports.TryGetValue(matched, out var ports) || port is null || ports.Contains(port.Value);
    }
}
