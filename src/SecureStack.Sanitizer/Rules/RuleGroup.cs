using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>Rules whose patterns are joined into one alternation, so one linear pass tells whether any of them can fire.</summary>
internal sealed record RuleGroup(Regex Any, IReadOnlyList<PromptRule> Rules)
{
    private const int MaxRulesPerGroup = 8;

    /// <summary>
    /// Packs rules into alternations of up to <see cref="MaxRulesPerGroup"/> rules; a group that does not compile
    /// (the non-backtracking engine's size limit, or a bad pattern) is split in half until it does. A single
    /// rule uses its own regex, whose compile error names the rule.
    /// </summary>
    public static IReadOnlyList<RuleGroup> Pack(IEnumerable<PromptRule> rules, RegexOptions options, TimeSpan timeout)
    {
        // Building non-backtracking automata is most of the start-up time, and the chunks are independent.
        var chunks = rules.Chunk(MaxRulesPerGroup).ToArray();
        var packed = new List<RuleGroup>[chunks.Length];
        try
        {
            Parallel.For(0, chunks.Length, i =>
            {
                packed[i] = [];
                Add(chunks[i], options, timeout, packed[i]);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is PromptRuleFileException) is { } named)
        {
            ExceptionDispatchInfo.Throw(named);
        }

        return [.. packed.SelectMany(g => g)];
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
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            Add(rules[..(rules.Length / 2)], options, timeout, groups);
            Add(rules[(rules.Length / 2)..], options, timeout, groups);
        }
    }
}
