using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>
/// Up to <see cref="RuleGroup.MaxRulesPerGroup"/> rules whose alternations (<see cref="RuleGroup"/>) are built on first
/// use, or at load when the rule set is compiled eagerly: building the non-backtracking automata is most of the start-up,
/// and with the literal prefilter most texts never need most chunks.
/// </summary>
internal sealed class RuleChunk
{
    private readonly Lazy<IReadOnlyList<RuleGroup>> _groups;

    public RuleChunk(PromptRule[] rules, RegexOptions options, TimeSpan timeout)
    {
        Rules = rules;
        _groups = new Lazy<IReadOnlyList<RuleGroup>>(() => RuleGroup.Pack(rules, options, timeout));
    }

    public IReadOnlyList<PromptRule> Rules { get; }

    /// <summary>The compiled alternations; a pattern the engine rejects throws <see cref="PromptRuleFileException"/> here, every time.</summary>
    public IReadOnlyList<RuleGroup> Groups => _groups.Value;
}
