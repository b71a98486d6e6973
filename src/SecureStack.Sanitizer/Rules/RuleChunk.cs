using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>
/// Up to <see cref="RuleGroup.MaxRulesPerGroup"/> rules whose alternations (<see cref="RuleGroup"/>) are built at load
/// (eager rule sets) or once the chunk has been needed <see cref="LazyPackAfter"/> times (one-shot commands). Until then each
/// rule runs alone with its own regex, built only when the literal prefilter lets it run: building the non-backtracking
/// automata is most of the start-up, an alternation costs about as much as all its rules' own, and a one-prompt run needs
/// only a few rules. Findings are the same either way: an alternation matches exactly where one of its rules does.
/// </summary>
internal sealed class RuleChunk
{
    /// <summary>Uses of a lazily loaded chunk before its alternations pay for themselves (one pass instead of one per rule).</summary>
    internal const int LazyPackAfter = 16;

    private readonly Lazy<IReadOnlyList<RuleGroup>> _packed;
    private readonly IReadOnlyList<RuleGroup> _single;
    private readonly int _packAfter;
    private int _uses;

    public RuleChunk(PromptRule[] rules, RegexOptions options, TimeSpan timeout, int packAfter)
    {
        Rules = rules;
        _packAfter = packAfter;
        _packed = new Lazy<IReadOnlyList<RuleGroup>>(() => RuleGroup.Pack(rules, options, timeout));
        _single = packAfter > 0 ? RuleGroup.Single(rules) : [];
    }

    public IReadOnlyList<PromptRule> Rules { get; }

    /// <summary>The groups to check; a pattern the engine rejects throws <see cref="PromptRuleFileException"/> when built, every time.</summary>
    public IReadOnlyList<RuleGroup> Groups =>
        _packed.IsValueCreated || Interlocked.Increment(ref _uses) > _packAfter ? _packed.Value : _single;
}
