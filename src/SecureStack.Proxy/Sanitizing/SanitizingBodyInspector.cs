using SecureStack.Proxy.Inspection;
using SecureStack.Sanitizer;
using SecureStack.Proxy.Prompts;
using Verdict = SecureStack.Proxy.Inspection.InspectionVerdict;

namespace SecureStack.Proxy.Sanitizing;

/// <summary>
/// The prompt sanitizer on the proxy's HTTP seam: the prompt fields of each LLM-bound body are inspected
/// (never <c>model</c> or settings); stripped fields are forwarded rewritten, a reject rule (or a refused client
/// system prompt) blocks with 403 <c>blocked_by_policy</c>, malformed JSON refuses with 400, and unavailable rules with 503.
/// </summary>
internal sealed class SanitizingBodyInspector(PromptSanitizing sanitizing) : IRequestBodyInspector
{
    public string Name => "prompt-sanitizer";

    public ValueTask<Verdict> InspectAsync(RequestBodyContext context, CancellationToken cancellationToken)
    {
        if (sanitizing.Requests is not { } inspector)
        {
            return ValueTask.FromResult(Verdict.Refuse(sanitizing.Unavailable!, StatusCodes.Status503ServiceUnavailable));
        }

        var outcome = inspector.Inspect(context.Route, context.Body, new InspectionContext(context.Path, context.SourceIp.ToString(), context.Identity.Name));
        return ValueTask.FromResult(ToVerdict(outcome));
    }

    private static Verdict ToVerdict(InspectionOutcome outcome) => outcome.Verdict switch
    {
        InspectionAction.Allow => Verdict.Allow,
        InspectionAction.Rewritten => Verdict.Replace(outcome.Body, "stripped: " + Describe(outcome), detectionAudited: true),
        InspectionAction.Rejected => Verdict.Block(outcome.Reason ?? "refused by the prompt sanitizer", outcome.Rules),
        _ => Verdict.Refuse(outcome.Reason ?? "refused by the prompt sanitizer", StatusCodes.Status400BadRequest),
    };

    /// <summary>Rule ids and field paths, never prompt text.</summary>
    private static string Describe(InspectionOutcome outcome) =>
        string.Join("; ", outcome.Findings.Select(f => $"{f.FieldPath}: {string.Join(',', f.RuleIds)}"));
}
