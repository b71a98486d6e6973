using SecureStack.Sanitizer.Normalization;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>The seed's <c>SanitizeResult</c> (<c>clean</c>, <c>injection_detected</c>, <c>patterns</c>) plus the action and the evidence.</summary>
/// <param name="Clean">The text with stripped spans removed; the very same string when nothing was stripped.</param>
/// <param name="InjectionDetected">True when any rule fired, whatever its action.</param>
/// <param name="Patterns">Ids of the rules that fired, in order of first appearance.</param>
/// <param name="Action">The strongest action among the findings.</param>
/// <param name="Findings">Every finding with its span in the original text.</param>
/// <param name="Hidden">Payloads decoded from invisible characters or encodings.</param>
/// <param name="InvisibleRemoved">Invisible code points ignored for matching (the output keeps them unless stripped).</param>
public sealed record SanitizeResult(
    string Clean,
    bool InjectionDetected,
    IReadOnlyList<string> Patterns,
    PromptRuleAction Action,
    IReadOnlyList<PromptFinding> Findings,
    IReadOnlyList<HiddenText> Hidden,
    int InvisibleRemoved)
{
    public bool Rejected => Action == PromptRuleAction.Reject;

    public bool Modified => Action == PromptRuleAction.Strip;
}
