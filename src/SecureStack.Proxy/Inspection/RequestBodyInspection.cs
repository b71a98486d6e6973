using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// Runs the registered <see cref="IRequestBodyInspector"/>s over one model-bound body, for the main path and the model relay
/// alike, and records the decision once: a refusal as one <c>policy_denied</c> event (<c>blocked_by_policy</c> with the rule
/// ids for a policy block), a rewrite as one <c>prompt_injection</c> event unless the inspector recorded its findings itself.
/// The answer to the client is the caller's, since the main path and the relay answer in different shapes.
/// </summary>
internal sealed class RequestBodyInspection(
    IEnumerable<IRequestBodyInspector> inspectors,
    ProxyAudit audit,
    ProxyMetrics metrics,
    ILogger<RequestBodyInspection> logger)
{
    private readonly IRequestBodyInspector[] _inspectors = [.. inspectors];

    public bool Enabled => _inspectors.Length > 0;

    /// <summary>
    /// The inspectors in registration order; a replacement is what the next one sees, the first refusal ends it, and an
    /// inspector that throws refuses with 503 (fail closed). Returns the refusal, or an allow with the final body as its
    /// replacement when any inspector rewrote it.
    /// </summary>
    /// <param name="refusedMetric">The <c>blocked</c> counter's reason for a refusal on this path.</param>
    /// <exception cref="Audit.AuditLogUnavailableException">The decision could not be recorded; refuse the request.</exception>
    public async ValueTask<InspectionVerdict> InspectAsync(RequestBodyContext context, string refusedMetric, CancellationToken cancellationToken)
    {
        var target = $"{context.Method} {context.Path}";
        var body = context.Body;
        var rewritten = false;
        foreach (var inspector in _inspectors)
        {
            InspectionVerdict verdict;
            try
            {
                verdict = await inspector.InspectAsync(context with { Body = body }, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.InspectorFailed(logger, inspector.Name, ex);
                verdict = InspectionVerdict.Refuse("inspector failed", StatusCodes.Status503ServiceUnavailable);
            }

            if (verdict.Refused)
            {
                Log.InspectorRefused(logger, inspector.Name, context.SourceIp, verdict.Reason ?? "");
                metrics.Blocked(refusedMetric);
                if (verdict.Rules is { } rules)
                {
                    audit.PolicyDenied(context.SourceIp, context.Identity.Name, "blocked_by_policy", inspector.Name, verdict.Reason ?? "", target, rules);
                }
                else
                {
                    audit.PolicyDenied(context.SourceIp, context.Identity.Name, "inspect_request", inspector.Name, verdict.Reason ?? "", target);
                }

                return verdict;
            }

            if (verdict.Replacement is { } replacement)
            {
                if (!verdict.DetectionAudited)
                {
                    audit.Rewritten(context.SourceIp, context.Identity.Name, inspector.Name, verdict.Reason ?? "", target);
                }

                body = replacement;
                rewritten = true;
            }
        }

        return rewritten ? InspectionVerdict.Replace(body, "rewritten") : InspectionVerdict.Allow;
    }
}
