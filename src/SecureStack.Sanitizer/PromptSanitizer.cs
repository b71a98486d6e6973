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

    internal SanitizeResult Sanitize(string text, string fieldPath, InspectionContext context, PromptRuleAction ceiling, bool indirect)
    {
        var result = Analyzer.Analyze(text, ceiling);
        if (result.InjectionDetected)
        {
            Auditor.Record(context, fieldPath, result, text, indirect);
        }

        return result;
    }
}
