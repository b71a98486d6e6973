using SecureStack.Egress.Allowlist;
using FirewallAllowlist = SecureStack.Egress.Allowlist.EgressAllowlist;

namespace SecureStack.Scanner.Network;

/// <summary>
/// The scanner's view of <c>config/egress-allowlist.conf</c>, read by the egress firewall's own parser so both
/// agree on every line. Where the firewall skips a line (<c>*.com</c>, a URL, an IP range) the scanner refuses the
/// whole file with that line's message: a skill cannot be judged against an allowlist the firewall does not enforce.
/// </summary>
internal sealed class EgressAllowlist
{
    private readonly FirewallAllowlist _list;

    private EgressAllowlist(FirewallAllowlist list)
    {
        _list = list;
    }

    public static EgressAllowlist Empty { get; } = new(new FirewallAllowlist("(none)", [], []));

    public static EgressAllowlist Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScannerConfigurationException($"{path}: the egress allowlist cannot be read ({e.Message})", e);
        }
        return Parse(path, text);
    }

    public static EgressAllowlist Parse(string path, IReadOnlyList<string> lines) => Parse(path, string.Join('\n', lines));

    private static EgressAllowlist Parse(string path, string text)
    {
        var list = AllowlistParser.Parse(text, path);
        if (list.Problems.Count > 0)
        {
            throw new ScannerConfigurationException(
                $"{list.Problems[0]} (`securestack egress check {path}` lists every problem; the firewall skips these lines)");
        }
        return new EgressAllowlist(list);
    }

    /// <summary>
    /// True when the firewall lets <paramref name="host"/> through on <paramref name="port"/>. A URL without a port
    /// counts as listed when its host is listed on any port: the scanner does not know which default the client uses.
    /// </summary>
    public bool IsAllowed(string host, int? port)
    {
        if (HostNames.Normalize(host) is not { } name)
        {
            return false;
        }
        if (port is { } p)
        {
            return _list.Allows(name, p);
        }
        return _list.Entries.Any(e => e.IsWildcard
            ? name.EndsWith("." + e.Domain, StringComparison.Ordinal)
            : name == e.Domain);
    }
}
