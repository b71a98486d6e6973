using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>Rules whose patterns are joined into one alternation, so one linear pass tells whether any of them can fire.</summary>
internal sealed class RuleGroup
{
    public const int MaxRulesPerGroup = 8;

    private readonly Lazy<Regex> _any;

    private RuleGroup(Lazy<Regex> any, IReadOnlyList<PromptRule> rules)
    {
        _any = any;
        Rules = rules;
    }

    /// <summary>Matches wherever one of <see cref="Rules"/> matches; a single rule's is its own regex, built on first use.</summary>
    public Regex Any => _any.Value;

    public IReadOnlyList<PromptRule> Rules { get; }

    /// <summary>
    /// Splits rules into chunks of up to <see cref="MaxRulesPerGroup"/>; <paramref name="packAfter"/> 0 compiles every chunk now,
    /// in parallel (the chunks are independent), so a pattern the engine rejects fails the load.
    /// </summary>
    public static IReadOnlyList<RuleChunk> Chunk(IEnumerable<PromptRule> rules, RegexOptions options, TimeSpan timeout, int packAfter)
    {
        var eager = packAfter == 0;
        var chunks = rules.Chunk(MaxRulesPerGroup).Select(c => new RuleChunk(c, options, timeout, packAfter)).ToArray();
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

    /// <summary>One group per rule, each checked by the rule's own regex (built when first needed).</summary>
    public static IReadOnlyList<RuleGroup> Single(PromptRule[] rules) =>
        [.. rules.Select(rule => new RuleGroup(rule.Compiled, [rule]))];

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
            _ = rules[0].Regex;
            groups.Add(new RuleGroup(rules[0].Compiled, rules));
            return;
        }

        try
        {
            var any = new Regex(string.Join('|', rules.Select(r => $"(?:{r.Pattern})")), options, timeout);
            groups.Add(new RuleGroup(new Lazy<Regex>(any), rules));
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            Add(rules[..(rules.Length / 2)], options, timeout, groups);
            Add(rules[(rules.Length / 2)..], options, timeout, groups);
        }
    }
}
