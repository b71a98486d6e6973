using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>One compiled rule of <c>prompt-rules.json</c>.</summary>
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
    internal Regex Regex { get; init; } = null!;
}
