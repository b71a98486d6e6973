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
    /// <summary>The classifier's probability that the text is an injection (highest window and view); 0 without a model.</summary>
    public float Score { get; init; }

    /// <summary>
    /// What set the action: <c>rules</c>, <c>model</c>, <c>rules+model</c> (both at the final action), or <c>none</c>.
    /// </summary>
    public string DecidedBy
    {
        get
        {
            var deciding = Findings.Where(f => f.Action == Action).ToList();
            var model = deciding.Any(f => f.RuleId == PromptFinding.ModelScore);
            var rules = deciding.Any(f => f.RuleId != PromptFinding.ModelScore);
            return (rules, model) switch
            {
                (true, true) => "rules+model",
                (true, false) => "rules",
                (false, true) => "model",
                _ => "none",
            };
        }
    }

    public bool Rejected => Action == PromptRuleAction.Reject;

    public bool Modified => Action == PromptRuleAction.Strip;
}
