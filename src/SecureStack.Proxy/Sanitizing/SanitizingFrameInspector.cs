using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.WebSockets;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;
using SecureStack.Proxy.Prompts;
using Verdict = SecureStack.Proxy.Inspection.InspectionVerdict;

namespace SecureStack.Proxy.Sanitizing;

/// <summary>
/// The prompt sanitizer on the proxy's WebSocket seam: request frames of the prompt-carrying methods are
/// inspected; a refusal becomes a FORBIDDEN <c>res</c> frame for the same id (sent by the relay session) and
/// the connection stays open. With unavailable rules every prompt-carrying frame is refused.
/// </summary>
internal sealed class SanitizingFrameInspector(PromptSanitizing sanitizing) : IWebSocketFrameInspector
{
    public string Name => "prompt-sanitizer";

    public async ValueTask<Verdict> InspectAsync(ClientFrameContext context, CancellationToken cancellationToken)
    {
        if (sanitizing.Frames is not { } inspector)
        {
            return FrameInspectorOptions.DefaultPromptMethods.Contains(context.Method)
                ? Verdict.Refuse(sanitizing.Unavailable!)
                : Verdict.Allow;
        }

        // The relay has parsed and validated the frame already; frames without prompt text need no second parse.
        if (!inspector.InspectsMethod(context.Method))
        {
            return Verdict.Allow;
        }

        await SocketThreads.LeaveAsync();
        var outcome = inspector.Inspect(context.Payload, new InspectionContext("ws:" + context.Method, context.SourceIp.ToString(), context.Identity.Name));
        return outcome.Verdict switch
        {
            FrameVerdict.Forward => Verdict.Allow,
            FrameVerdict.ForwardRewritten => Verdict.Replace(outcome.Frame,
                "stripped: " + string.Join("; ", outcome.Findings.Select(f => $"{f.FieldPath}: {string.Join(',', f.RuleIds)}")), detectionAudited: true),
            _ => Refusal(outcome),
        };
    }

    /// <summary>A block by the prompt rules names them (the client shows them); unavailable rules are a plain refusal.</summary>
    private static Verdict Refusal(FrameOutcome outcome)
    {
        var reason = outcome.Reason ?? "refused by the prompt sanitizer";
        var rules = outcome.Findings.Where(f => f.Action == PromptRuleAction.Reject)
            .SelectMany(f => f.RuleIds).Distinct(StringComparer.Ordinal).ToList();
        return rules.Count > 0 ? Verdict.Block(reason, rules) : Verdict.Refuse(reason);
    }
}
