using SecureStack.Proxy.Inspection;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Inspection;
using Verdict = SecureStack.Proxy.Inspection.InspectionVerdict;

namespace SecureStack.Proxy.Sanitizing;

/// <summary>
/// The prompt sanitizer on the proxy's HTTP seam: the prompt fields of each LLM-bound body are inspected
/// (never <c>model</c> or settings); stripped fields are forwarded rewritten, a reject rule refuses with 403,
/// malformed JSON with 400, and unavailable rules with 503.
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

        var route = PromptRoutes.TryClassify(context.Method, context.Path, out var classified) ? classified : Fallback(context.Kind);
        var outcome = inspector.Inspect(route, context.Body, new InspectionContext(context.Path, context.SourceIp.ToString(), context.Identity.Name));
        return ValueTask.FromResult(ToVerdict(outcome));
    }

    internal static Verdict ToVerdict(InspectionOutcome outcome) => outcome.Verdict switch
    {
        Sanitizer.Inspection.InspectionVerdict.Allow => Verdict.Allow,
        Sanitizer.Inspection.InspectionVerdict.Rewritten => Verdict.Replace(outcome.Body, "stripped: " + Describe(outcome)),
        _ => Verdict.Refuse(outcome.Reason ?? "refused by the prompt sanitizer", outcome.StatusCode),
    };

    /// <summary>Rule ids and field paths, never prompt text.</summary>
    internal static string Describe(InspectionOutcome outcome) =>
        string.Join("; ", outcome.Findings.Select(f => $"{f.FieldPath}: {string.Join(',', f.RuleIds)}"));

    /// <summary>A path the gateway routes like its named sibling (the bare <c>/hooks</c>): every string is inspected.</summary>
    private static PromptRoute Fallback(LlmBoundKind kind) => kind switch
    {
        LlmBoundKind.ChatCompletions => PromptRoute.ChatCompletions,
        LlmBoundKind.Responses => PromptRoute.Responses,
        LlmBoundKind.ToolsInvoke => PromptRoute.ToolsInvoke,
        _ => PromptRoute.HookMapping,
    };
}
