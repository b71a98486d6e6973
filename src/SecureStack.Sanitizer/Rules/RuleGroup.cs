using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>Rules whose patterns are joined into one alternation, so one linear pass tells whether any of them can fire.</summary>
internal sealed record RuleGroup(Regex Any, IReadOnlyList<PromptRule> Rules)
{
    /// <summary>
    /// Packs rules greedily into alternations that stay under the non-backtracking engine's automaton
    /// size limit; a rule that fits nowhere else gets a group of its own.
    /// </summary>
    public static IReadOnlyList<RuleGroup> Pack(IEnumerable<PromptRule> rules, RegexOptions options, TimeSpan timeout)
    {
        var groups = new List<RuleGroup>();
        var current = new List<PromptRule>();
        Regex? currentAny = null;
        foreach (var rule in rules)
        {
            var candidate = current.Append(rule).ToList();
            if (TryCombine(candidate, options, timeout) is { } combined)
            {
                current = candidate;
                currentAny = combined;
                continue;
            }

            if (currentAny is not null)
            {
                groups.Add(new RuleGroup(currentAny, current));
            }

            current = [rule];
            currentAny = rule.Regex;
        }

        if (currentAny is not null)
        {
            groups.Add(new RuleGroup(currentAny, current));
        }

        return groups;
    }

    private static Regex? TryCombine(List<PromptRule> rules, RegexOptions options, TimeSpan timeout)
    {
        if (rules.Count == 1)
        {
            return rules[0].Regex;
        }

        try
        {
            return new Regex(string.Join('|', rules.Select(r => $"(?:{r.Pattern})")), options, timeout);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
