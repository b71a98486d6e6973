using System.Collections.Frozen;

namespace SecureStack.Egress.Allowlist;

/// <summary>The hosts and ports the egress proxy may connect to, with the lines that were skipped.</summary>
public sealed class EgressAllowlist
{
    private readonly FrozenSet<(string Host, int Port)> _exact;
    private readonly AllowlistEntry[] _wildcards;

    public EgressAllowlist(string source, IReadOnlyList<AllowlistEntry> entries, IReadOnlyList<AllowlistProblem> problems)
    {
        Source = source;
        Entries = entries;
        Problems = problems;
        _exact = entries.Where(e => !e.IsWildcard).Select(e => (e.Domain, e.Port)).ToFrozenSet();
        _wildcards = [.. entries.Where(e => e.IsWildcard)];
    }

    /// <summary>Where the entries came from (the file path), for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<AllowlistEntry> Entries { get; }

    public IReadOnlyList<AllowlistProblem> Problems { get; }

    /// <summary>The distinct ports that some entry allows, ascending.</summary>
    public IReadOnlyList<int> Ports => [.. Entries.Select(e => e.Port).Distinct().Order()];

    /// <summary>Reads and parses a file; throws <see cref="IOException"/> when it cannot be read.</summary>
    public static EgressAllowlist Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: the egress allowlist cannot be read ({ex.Message}); give an existing file with --allowlist or SECURESTACK_CONFIG_DIR", ex);
        }

        return AllowlistParser.Parse(text, path);
    }

    /// <summary>True when <paramref name="host"/> (already normalised by <see cref="HostNames.Normalize"/>) may be reached on <paramref name="port"/>.</summary>
    public bool Allows(string host, int port)
    {
        if (_exact.Contains((host, port)))
        {
            return true;
        }

        foreach (var entry in _wildcards)
        {
            if (entry.Matches(host, port))
            {
                return true;
            }
        }

        return false;
    }
}
