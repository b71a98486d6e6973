using SecureStack.Audit;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer.Auditing;

/// <summary>
/// Turns detections into audit events: <c>prompt_injection</c> with rule ids, field path, action and
/// short excerpts of what matched; <c>secret_detected</c> with the kind of secret, never its value.
/// The full text is written only when <see cref="SanitizerOptions.IncludePromptInAudit"/> is on.
/// </summary>
internal sealed class InjectionAuditor
{
    private readonly IAuditLog _log;
    private readonly SanitizerOptions _options;

    public InjectionAuditor(IAuditLog log, SanitizerOptions options)
    {
        _log = log;
        _options = options;
    }

    public void Record(InspectionContext context, string fieldPath, SanitizeResult result, string text, bool indirect)
    {
        var details = new Dictionary<string, object?>
        {
            ["route"] = context.Route,
            ["field_path"] = fieldPath,
            ["rule_ids"] = result.Patterns,
            ["action"] = ActionName(result.Action),
            ["indirect"] = indirect,
            ["sources"] = result.Findings.Select(f => f.Source).Distinct(StringComparer.Ordinal).ToList(),
            ["excerpts"] = result.Findings.Take(8).Select(f => f.Excerpt).ToList(),
        };
        if (_options.IncludePromptInAudit)
        {
            details["prompt"] = text;
        }

        var (outcome, risk) = result.Action switch
        {
            PromptRuleAction.Reject => (AuditResult.Blocked, RiskLevel.High),
            PromptRuleAction.Strip => (AuditResult.Blocked, RiskLevel.Medium),
            _ => (AuditResult.Flagged, indirect ? RiskLevel.Medium : RiskLevel.Low),
        };
        _log.Append(new AuditEvent(AuditEventType.PromptInjection, ActionName(result.Action), outcome, risk)
        {
            SourceIp = context.SourceIp,
            UserId = context.UserId,
            Details = details,
        });
    }

    public void RecordSecrets(InspectionContext context, string fieldPath, IReadOnlyList<string> secretIds, string action)
    {
        _log.Append(new AuditEvent(AuditEventType.SecretDetected, action, action == "flag" ? AuditResult.Flagged : AuditResult.Blocked, RiskLevel.High)
        {
            SourceIp = context.SourceIp,
            UserId = context.UserId,
            Details = new Dictionary<string, object?>
            {
                ["route"] = context.Route,
                ["field_path"] = fieldPath,
                ["rule_ids"] = secretIds,
                ["action"] = action,
            },
        });
    }

    public static string ActionName(PromptRuleAction action) => action switch
    {
        PromptRuleAction.Reject => "reject",
        PromptRuleAction.Strip => "strip",
        PromptRuleAction.Flag => "flag",
        _ => "none",
    };
}
