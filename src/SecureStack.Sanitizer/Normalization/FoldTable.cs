using System.Collections.Frozen;
using System.Globalization;

namespace SecureStack.Sanitizer.Normalization;

/// <summary>
/// Compatibility folding of one code point: NFKD with combining marks dropped, lower case ("é" → "e",
/// "ﬁ" → "fi", fullwidth and mathematical letters → ASCII). A table rather than string.Normalize, which
/// does nothing for non-ASCII text under invariant globalization.
/// </summary>
internal static partial class FoldTable
{
    private static readonly FrozenDictionary<int, string> Map = Parse();

    public static string? Fold(int codePoint) => Map.GetValueOrDefault(codePoint);

    private static FrozenDictionary<int, string> Parse()
    {
        var map = new Dictionary<int, string>();
        foreach (var entry in Data.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = entry.IndexOf('|', StringComparison.Ordinal);
            map[int.Parse(entry.AsSpan(0, bar), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)] = entry[(bar + 1)..];
        }

        return map.ToFrozenDictionary();
    }
}
