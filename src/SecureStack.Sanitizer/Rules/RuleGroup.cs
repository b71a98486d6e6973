using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>Rules whose patterns are joined into one alternation, so one linear pass tells whether any of them can fire.</summary>
internal sealed record RuleGroup(Regex Any, IReadOnlyList<PromptRule> Rules)
{
    public const int MaxRulesPerGroup = 8;

    /// <summary>
    /// Splits rules into chunks of up to <see cref="MaxRulesPerGroup"/>; <paramref name="eager"/> compiles every chunk now,
    /// in parallel (the chunks are independent), so a pattern the engine rejects fails the load.
    /// </summary>
    public static IReadOnlyList<RuleChunk> Chunk(IEnumerable<PromptRule> rules, RegexOptions options, TimeSpan timeout, bool eager)
    {
        var chunks = rules.Chunk(MaxRulesPerGroup).Select(c => new RuleChunk(c, options, timeout)).ToArray();
        if (eager)
        {
            try
            {
                Parallel.ForEach(chunks, chunk => _ = chunk.Groups);
            }
            catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is PromptRuleFileException) is { } named)
            {
                ExceptionDispatchInfo.Throw(named);
            }
        }

        return chunks;
    }

    /// <summary>
    /// Packs rules into one alternation; one that does not compile (the non-backtracking engine's size limit, or a bad
    /// pattern) is split in half until it does. A single rule uses its own regex, whose compile error names the rule.
    /// </summary>
    public static IReadOnlyList<RuleGroup> Pack(PromptRule[] rules, RegexOptions options, TimeSpan timeout)
    {
        var groups = new List<RuleGroup>();
        Add(rules, options, timeout, groups);
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
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            Add(rules[..(rules.Length / 2)], options, timeout, groups);
            Add(rules[(rules.Length / 2)..], options, timeout, groups);
        }
    }
}
