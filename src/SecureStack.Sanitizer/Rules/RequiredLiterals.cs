using System.Globalization;

namespace SecureStack.Sanitizer.Rules;

/// <summary>
/// Literals a regex cannot match without: a list of sets, and every match contains a string of each set
/// (compared ignoring case). Derived from the pattern's syntax: a concatenation needs what each part needs, an
/// alternation needs one of its branches' literals, and anything the analysis does not understand needs nothing,
/// so the answer can only be weaker than the truth, never wrong. An empty list means "no prefilter": the rule always runs.
/// Only ASCII and caseless letters (CJK, kana) count as literals: their case-insensitive forms are known.
/// </summary>
internal static class RequiredLiterals
{
    /// <summary>Most strings one set may hold (alternations multiply); a bigger set is dropped, not truncated.</summary>
    private const int MaxSetSize = 64;

    /// <summary>Sets used per rule, the most selective first; each costs a little per hit in the text.</summary>
    private const int MaxSets = 3;

    /// <summary>Shorter literals occur in nearly every text and filter nothing.</summary>
    private const int MinLiteralLength = 3;

    public static IReadOnlyList<IReadOnlyList<string>> Of(string pattern)
    {
        try
        {
            var parser = new Parser(pattern);
            var node = parser.Alternation();
            if (!parser.AtEnd)
            {
                return [];
            }

            return [.. Sets(node).OrderByDescending(s => s.Min(x => x.Length)).ThenBy(s => s.Count).Take(MaxSets)
                .Select(s => (IReadOnlyList<string>)[.. s.Order(StringComparer.Ordinal)])];
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static IEnumerable<HashSet<string>> Sets(Info info) =>
        info.Required.Concat(Useful(info.Exact) is { } exact ? [exact] : []).Where(s => Useful(s) is not null)
            .DistinctBy(s => string.Join('\0', s.Order(StringComparer.Ordinal)));

    /// <summary>A set that filters: every string long enough (an empty string would let every text through).</summary>
    private static HashSet<string>? Useful(HashSet<string>? set) =>
        set is { Count: > 0 } && set.All(s => s.Length >= MinLiteralLength) ? set : null;

    /// <summary>What a piece of pattern matches: exactly one of <see cref="Exact"/> (when finite), and a string of each <see cref="Required"/> set.</summary>
    private sealed record Info(HashSet<string>? Exact, List<HashSet<string>> Required)
    {
        public static Info Empty => new(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "" }, []);

        public static Info Unknown => new(null, []);

        /// <summary>The best single set this piece requires, or <see langword="null"/> when it requires nothing.</summary>
        public HashSet<string>? Best => Sets(this).OrderByDescending(s => s.Min(x => x.Length)).ThenBy(s => s.Count).FirstOrDefault();
    }

    private sealed class Parser(string pattern)
    {
        private int _at;

        public bool AtEnd => _at >= pattern.Length;

        public Info Alternation()
        {
            var branches = new List<Info> { Concatenation() };
            while (!AtEnd && pattern[_at] == '|')
            {
                _at++;
                branches.Add(Concatenation());
            }

            if (branches.Count == 1)
            {
                return branches[0];
            }

            HashSet<string>? exact = branches.All(b => b.Exact is not null) ? Union(branches.Select(b => b.Exact!)) : null;
            var best = branches.Select(b => b.Best).ToList();
            var required = best.All(b => b is not null) && Union(best!) is { } union ? new List<HashSet<string>> { union } : [];
            return new Info(exact, required);
        }

        private Info Concatenation()
        {
            var run = Info.Empty.Exact!;
            var required = new List<HashSet<string>>();
            var exact = true;
            while (!AtEnd && pattern[_at] is not ('|' or ')'))
            {
                var item = Quantified(Atom());
                if (item.Exact is not null && run.Count * item.Exact.Count <= MaxSetSize)
                {
                    run = Cross(run, item.Exact);
                    continue;
                }

                required.Add(run);
                required.AddRange(item.Required);
                exact = false;
                run = item.Exact ?? Info.Empty.Exact!;
            }

            required.Add(run);
            return new Info(exact ? run : null, [.. required.Where(s => Useful(s) is not null)]);
        }

        private Info Quantified(Info atom)
        {
            if (AtEnd)
            {
                return atom;
            }

            int min, max;
            var c = pattern[_at];
            if (c == '*')
            {
                (min, max) = (0, int.MaxValue);
                _at++;
            }
            else if (c == '+')
            {
                (min, max) = (1, int.MaxValue);
                _at++;
            }
            else if (c == '?')
            {
                (min, max) = (0, 1);
                _at++;
            }
            else if (c == '{' && TryBraces(out min, out max))
            {
            }
            else
            {
                return atom;
            }

            if (!AtEnd && pattern[_at] == '?')
            {
                _at++;
            }

            if (min == 0)
            {
                return max == 1 && atom.Exact is not null ? new Info(Union([atom.Exact, Info.Empty.Exact!]), []) : Info.Unknown;
            }

            return min == 1 && max == 1 ? atom : new Info(null, [.. Sets(atom)]);
        }

        /// <summary>Reads <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>; anything else leaves '{' a literal, as .NET does.</summary>
        private bool TryBraces(out int min, out int max)
        {
            min = max = 0;
            var close = pattern.IndexOf('}', _at);
            if (close < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(_at + 1, close - _at - 1);
            var comma = body.IndexOf(',');
            var low = comma < 0 ? body : body[..comma];
            if (!int.TryParse(low, NumberStyles.None, CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (comma == body.Length - 1)
            {
                max = int.MaxValue;
            }
            else if (!int.TryParse(body[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return false;
            }

            _at = close + 1;
            return true;
        }

        private Info Atom()
        {
            var c = pattern[_at++];
            switch (c)
            {
                case '(':
                    return Group();
                case '[':
                    SkipClass();
                    return Info.Unknown;
                case '.':
                    return Info.Unknown;
                case '^' or '$':
                    return Info.Empty;
                case '\\':
                    return Escape();
                case '*' or '+' or '?':
                    throw new FormatException("quantifier without operand");
                default:
                    return Literal(c);
            }
        }

        private Info Group()
        {
            if (!AtEnd && pattern[_at] == '?')
            {
                _at++;
                if (AtEnd)
                {
                    throw new FormatException("unterminated group");
                }

                var kind = pattern[_at];
                if (kind == ':')
                {
                    _at++;
                }
                else if (kind is '<' or '\'' && _at + 1 < pattern.Length && char.IsLetter(pattern[_at + 1]))
                {
                    var close = pattern.IndexOf(kind == '<' ? '>' : '\'', _at + 1);
                    _at = close < 0 ? throw new FormatException("unterminated group name") : close + 1;
                }
                else if (char.IsAsciiLetterLower(kind) || kind == '-')
                {
                    // Inline options: only ever weaken case sensitivity relative to the ignore-case comparison used here.
                    while (!AtEnd && (char.IsAsciiLetterLower(pattern[_at]) || pattern[_at] == '-'))
                    {
                        _at++;
                    }

                    if (!AtEnd && pattern[_at] == ')')
                    {
                        _at++;
                        return Info.Empty;
                    }

                    if (AtEnd || pattern[_at++] != ':')
                    {
                        throw new FormatException("unknown group");
                    }
                }
                else
                {
                    // Lookarounds, atomic and conditional groups: the non-backtracking engine rejects them anyway.
                    throw new FormatException("unsupported group");
                }
            }

            var inner = Alternation();
            if (AtEnd || pattern[_at] != ')')
            {
                throw new FormatException("unterminated group");
            }

            _at++;
            return inner;
        }

        private void SkipClass()
        {
            var depth = 1;
            var first = true;
            while (depth > 0)
            {
                if (AtEnd)
                {
                    throw new FormatException("unterminated class");
                }

                var c = pattern[_at++];
                if (c == '\\')
                {
                    _at++;
                }
                else if (c == '^' && first)
                {
                    continue;
                }
                else if (c == '[' && !first)
                {
                    depth++;
                }
                else if (c == ']' && !first)
                {
                    depth--;
                }

                first = false;
            }
        }

        private Info Escape()
        {
            if (AtEnd)
            {
                throw new FormatException("trailing backslash");
            }

            var c = pattern[_at++];
            if (c is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G')
            {
                return Info.Empty;
            }

            if (c is 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'n' or 't' or 'r' or 'f' or 'v' or 'e' or 'a')
            {
                return Info.Unknown;
            }

            if (c is 'p' or 'P')
            {
                var close = pattern.IndexOf('}', _at);
                _at = close < 0 ? throw new FormatException("unterminated category") : close + 1;
                return Info.Unknown;
            }

            // Other letter and digit escapes (\n, \x41, \u0041, \1, \k<name>, ...) consume a varying length; give up on the rule.
            return char.IsAsciiLetterOrDigit(c) ? throw new FormatException("unhandled escape") : Literal(c);
        }

        private static Info Literal(char c) => IsKnownCase(c)
            ? new Info(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { c.ToString() }, [])
            : Info.Unknown;

        /// <summary>ASCII, whose ignore-case forms the prefilter's bypass covers, or a letter without case.</summary>
        private static bool IsKnownCase(char c) =>
            char.IsAscii(c) ? !char.IsControl(c) : char.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;
    }

    private static HashSet<string>? Union(IEnumerable<HashSet<string>> sets)
    {
        var union = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            union.UnionWith(set);
            if (union.Count > MaxSetSize)
            {
                return null;
            }
        }

        return union;
    }

    private static HashSet<string> Cross(HashSet<string> left, HashSet<string> right)
    {
        var product = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                product.Add(a + b);
            }
        }

        return product;
    }
}
