using System.Buffers;

namespace SecureStack.Sanitizer.Rules;

/// <summary>
/// One pass over a view tells which of the rules' required literal sets (<see cref="RequiredLiterals"/>) occur in it:
/// a rule missing one of its sets cannot match, so its regex need not run. Most texts contain none of most rules'
/// literals, and one vectorised search is far cheaper than the rules' automata.
/// </summary>
internal sealed class LiteralPrefilter
{
    /// <summary>
    /// Characters that the regex engine's ignore-case matching equates with an ASCII character while ordinal
    /// ignore-case comparison does not (on .NET 10 only the Kelvin sign). A text holding one skips the
    /// filter: every rule runs. <c>LiteralPrefilterTests</c> derives this list from the regex engine itself.
    /// </summary>
    internal const string BypassCharacters = "\u212A";

    private static readonly SearchValues<char> Bypass = SearchValues.Create(BypassCharacters);

    private readonly SearchValues<string>? _any;
    private readonly Dictionary<int, (string Literal, int[] Sets)[]> _byStart;

    /// <param name="sets">Every literal set of every rule; a rule refers to its sets by index.</param>
    public LiteralPrefilter(IReadOnlyList<IReadOnlyList<string>> sets)
    {
        SetCount = sets.Count;
        var literals = sets
            .SelectMany((set, id) => set.Select(literal => (Literal: literal, Id: id)))
            .GroupBy(x => x.Literal, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Literal: g.Key, Sets: g.Select(x => x.Id).Distinct().ToArray()))
            .ToList();
        _any = literals.Count > 0 ? SearchValues.Create([.. literals.Select(l => l.Literal)], StringComparison.OrdinalIgnoreCase) : null;
        // Keyed by the first two characters (every literal has at least three), so a hit checks a handful of
        // literals, not every one with its first letter: a text dense with hits stays cheap per character.
        _byStart = literals.GroupBy(l => Key(l.Literal)).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int SetCount { get; }

    /// <summary>
    /// Which sets occur in <paramref name="text"/>, by index; <see langword="null"/> when the filter cannot tell
    /// (then every rule must run).
    /// </summary>
    public bool[]? Find(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(Bypass))
        {
            return null;
        }

        var found = new bool[SetCount];
        if (_any is null)
        {
            return found;
        }

        var at = 0;
        while (at < text.Length)
        {
            var next = text[at..].IndexOfAny(_any);
            if (next < 0)
            {
                break;
            }

            at += next;
            var rest = text[at..];
            var known = false;
            if (rest.Length >= 2 && _byStart.TryGetValue(Key(rest), out var candidates))
            {
                foreach (var (literal, ids) in candidates)
                {
                    if (rest.StartsWith(literal, StringComparison.OrdinalIgnoreCase))
                    {
                        known = true;
                        foreach (var id in ids)
                        {
                            found[id] = true;
                        }
                    }
                }
            }

            if (!known)
            {
                // The search and this lookup disagree about case: do not guess, run every rule.
                return null;
            }

            at++;
        }

        return found;
    }

    private static int Key(ReadOnlySpan<char> text) => (char.ToUpperInvariant(text[0]) << 16) | char.ToUpperInvariant(text[1]);

    /// <summary>Whether a rule needing the sets <paramref name="needs"/> can match, given <see cref="Find"/>'s answer.</summary>
    public static bool MayMatch(IReadOnlyList<int> needs, bool[]? found)
    {
        if (found is null)
        {
            return true;
        }

        foreach (var id in needs)
        {
            if (!found[id])
            {
                return false;
            }
        }

        return true;
    }
}
