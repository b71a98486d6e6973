using System.Globalization;

namespace SecureStack.Cli.Doctor.Compose;

/// <summary>Read-only typed access to a YAML mapping as YamlDotNet deserialises it (scalars are strings).</summary>
internal sealed class YamlMap
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    private YamlMap(IReadOnlyDictionary<string, object?> values)
    {
        _values = values;
    }

    public static YamlMap Empty { get; } = new(new Dictionary<string, object?>());

    public IEnumerable<string> Keys => _values.Keys;

    public bool Has(string key) => _values.ContainsKey(key);

    public static YamlMap? From(object? node) => node is IDictionary<object, object?> map
        ? new YamlMap(map.ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e => e.Value, StringComparer.Ordinal))
        : null;

    public object? Raw(string key) => _values.GetValueOrDefault(key);

    public YamlMap? Map(string key) => From(Raw(key));

    public string? String(string key) => Raw(key) switch
    {
        string s => s,
        null => null,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    public bool? Bool(string key) => String(key)?.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    /// <summary>A sequence of scalars; a single scalar counts as a one-item list (compose allows both for some keys).</summary>
    public IReadOnlyList<string> List(string key) => Raw(key) switch
    {
        IEnumerable<object?> items when Raw(key) is not string =>
            [.. items.Select(i => i is IDictionary<object, object?> ? "" : Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")],
        string s => [s],
        _ => [],
    };

    /// <summary>A sequence whose items are mappings (long-form ports and volumes).</summary>
    public IReadOnlyList<YamlMap> MapList(string key) => Raw(key) is IEnumerable<object?> items && Raw(key) is not string
        ? [.. items.Select(From).OfType<YamlMap>()]
        : [];
}
