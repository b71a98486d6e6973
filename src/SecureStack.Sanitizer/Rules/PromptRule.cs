using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>One rule of <c>prompt-rules.json</c>; its own regex is built on first use (after its group matched).</summary>
public sealed record PromptRule(
    string Id,
    string Name,
    string Pattern,
    PromptRuleAction Action,
    string Description,
    bool MatchCompact,
    IReadOnlyList<string> PositiveExamples,
    IReadOnlyList<string> NegativeExamples)
{
    internal Lazy<Regex> Compiled { get; init; } = null!;

    internal Regex Regex => Compiled.Value;

    /// <summary>Indexes of the literal sets this rule cannot match without (<see cref="LiteralPrefilter"/>); empty: always runs.</summary>
    internal IReadOnlyList<int> Needs { get; init; } = [];
}
