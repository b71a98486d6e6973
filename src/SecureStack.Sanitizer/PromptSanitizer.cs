using SecureStack.Audit;
using SecureStack.Sanitizer.Auditing;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>
/// The text-level sanitizer the proxy calls: <see cref="PromptAnalyzer"/> plus a <c>prompt_injection</c>
/// audit event for every detection. Audit failures propagate, so the caller refuses (fail closed).
/// </summary>
public sealed class PromptSanitizer
{
    public PromptSanitizer(PromptRuleSet rules, IAuditLog auditLog, SanitizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(auditLog);
        Analyzer = new PromptAnalyzer(rules, options);
        Auditor = new InjectionAuditor(auditLog, Analyzer.Options);
    }

    public PromptAnalyzer Analyzer { get; }

    public PromptRuleSet Rules => Analyzer.Rules;

    internal InjectionAuditor Auditor { get; }

    /// <summary>Inspects one field and writes a <c>prompt_injection</c> audit event when anything fires.</summary>
    /// <exception cref="AuditLogUnavailableException">The event could not be written; refuse the request.</exception>
    public SanitizeResult Sanitize(string text, string fieldPath = "text", InspectionContext? context = null) =>
        Sanitize(text, fieldPath, context ?? InspectionContext.None, PromptRuleAction.Reject, indirect: false);

    /// <summary>
    /// Inspects one field with every action capped at <paramref name="ceiling"/> (tool results: flag, or strip instead of reject),
    /// and records it as <paramref name="indirect"/> content (text the model reads, not text a person typed) when anything fires.
    /// </summary>
    /// <exception cref="AuditLogUnavailableException">The event could not be written; refuse the request.</exception>
    public SanitizeResult Sanitize(string text, string fieldPath, InspectionContext context, PromptRuleAction ceiling, bool indirect)
    {
        var result = Analyzer.Analyze(text, ceiling);
        if (result.InjectionDetected)
        {
            Auditor.Record(context, fieldPath, result, text, indirect);
        }

        return result;
    }

    /// <summary>Writes a <c>secret_detected</c> event: the secret rules that fired in a field and what was done, never the secret.</summary>
    /// <exception cref="AuditLogUnavailableException">The event could not be written; refuse the request.</exception>
    public void RecordSecrets(InspectionContext context, string fieldPath, IReadOnlyList<string> secretIds, string action) =>
        Auditor.RecordSecrets(context, fieldPath, secretIds, action);
}
