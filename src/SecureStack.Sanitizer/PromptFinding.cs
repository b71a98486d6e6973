using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>One rule firing on one span of the original text.</summary>
/// <param name="RuleId">The rule id, or a built-in id (<c>input-too-large</c>, <c>inspection-timeout</c>, <c>model-injection-score</c>).</param>
/// <param name="Action">The rule's action.</param>
/// <param name="Start">Start of the span in the original text.</param>
/// <param name="Length">Length of the span in the original text.</param>
/// <param name="Source">Which view fired: <c>text</c>, <c>compact</c>, <c>rot13</c>, or the encoding it was hidden in.</param>
/// <param name="Excerpt">The matched original text, cut to a short excerpt.</param>
public sealed record PromptFinding(string RuleId, PromptRuleAction Action, int Start, int Length, string Source, string Excerpt)
{
    public const string InputTooLarge = "input-too-large";
    public const string InspectionTimeout = "inspection-timeout";

    /// <summary>The learned classifier scored the text (or a decoded view of it) at or above its flag threshold.</summary>
    public const string ModelScore = "model-injection-score";
}
