using System.Collections.Frozen;

namespace SecureStack.Egress.Allowlist;

/// <summary>The hosts and ports the egress proxy may connect to, with the lines that were skipped.</summary>
public sealed class EgressAllowlist
{
    private readonly FrozenDictionary<string, FrozenSet<int>> _exact;
    private readonly FrozenDictionary<string, FrozenSet<int>> _wildcards;
    private readonly FrozenDictionary<string, FrozenSet<int>>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;

    public EgressAllowlist(string source, IReadOnlyList<AllowlistEntry> entries, IReadOnlyList<AllowlistProblem> problems)
    {
        Source = source;
        Entries = entries;
        Problems = problems;
        _exact = ByDomain(entries.Where(e => !e.IsWildcard));
        _wildcards = ByDomain(entries.Where(e => e.IsWildcard));
        _wildcardLookup = _wildcards.GetAlternateLookup<ReadOnlySpan<char>>();
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
        if (_exact.TryGetValue(host, out var ports) && ports.Contains(port))
        {
            return true;
        }

        // A wildcard on d matches every name ending in ".d": look up each proper parent domain.
        var name = host.AsSpan();
        for (var dot = name.IndexOf('.'); dot >= 0; dot = name.IndexOf('.'))
        {
            name = name[(dot + 1)..];
            if (_wildcardLookup.TryGetValue(name, out ports) && ports.Contains(port))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenDictionary<string, FrozenSet<int>> ByDomain(IEnumerable<AllowlistEntry> entries) =>
        entries.GroupBy(e => e.Domain, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(e => e.Port).ToFrozenSet(), StringComparer.Ordinal);
}
