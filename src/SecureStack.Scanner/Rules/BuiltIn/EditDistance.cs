namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>How far a name is from a real one, for the rules that catch imitations (typosquatted packages, look-alike skill names).</summary>
internal static class EditDistance
{
    /// <summary>
    /// Levenshtein distance, or with <paramref name="transpositions"/> the optimal-string-alignment distance (two swapped
    /// neighbours count as one edit). Exact up to <paramref name="limit"/>; past it, some value above the limit, returned
    /// as soon as no alignment can come back under it.
    /// </summary>
    public static int Between(string a, string b, int limit, bool transpositions)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit)
            {
                return rowMin;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
