using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>Rules whose patterns are joined into one alternation, so one linear pass tells whether any of them can fire.</summary>
internal sealed record RuleGroup(Regex Any, IReadOnlyList<PromptRule> Rules)
{
    private const int MaxRulesPerGroup = 8;

    /// <summary>
    /// Packs rules into alternations of up to <see cref="MaxRulesPerGroup"/> rules; a group whose automaton
    /// would exceed the non-backtracking engine's size limit is split in half until it fits (a single
    /// rule always fits: it compiled on its own).
    /// </summary>
    public static IReadOnlyList<RuleGroup> Pack(IEnumerable<PromptRule> rules, RegexOptions options, TimeSpan timeout)
    {
        var groups = new List<RuleGroup>();
        foreach (var chunk in rules.Chunk(MaxRulesPerGroup))
        {
            Add(chunk, options, timeout, groups);
        }

        return groups;
    }

    private static void Add(PromptRule[] rules, RegexOptions options, TimeSpan timeout, List<RuleGroup> groups)
    {
        if (rules.Length == 1)
        {
            groups.Add(new RuleGroup(rules[0].Regex, rules));
            return;
        }

        try
        {
            groups.Add(new RuleGroup(new Regex(string.Join('|', rules.Select(r => $"(?:{r.Pattern})")), options, timeout), rules));
        }
        catch (NotSupportedException)
        {
            Add(rules[..(rules.Length / 2)], options, timeout, groups);
            Add(rules[(rules.Length / 2)..], options, timeout, groups);
        }
    }
}
