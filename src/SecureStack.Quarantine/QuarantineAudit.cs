using SecureStack.Audit;
using SecureStack.Scanner;

namespace SecureStack.Quarantine;

/// <summary>The audit events quarantine writes; an unavailable log throws and the caller fails closed.</summary>
internal static class QuarantineAudit
{
    public static RiskLevel Risk(Severity? severity) => severity switch
    {
        Severity.Critical => RiskLevel.Critical,
        Severity.High => RiskLevel.High,
        Severity.Medium => RiskLevel.Medium,
        Severity.Low => RiskLevel.Low,
        _ => RiskLevel.Info,
    };

    /// <summary>Every scan's verdict goes through here: into the audit log and the verdict counter.</summary>
    public static void Scan(IAuditLog audit, ScanReport report, string path, bool flagged)
    {
        Metrics.QuarantineMetrics.Scanned(report.Verdict.Level);
        audit.Append(new AuditEvent(AuditEventType.SkillScan, "skill_scan", flagged ? AuditResult.Flagged : AuditResult.Success, Risk(report.MaxSeverity))
        {
            Details = new Dictionary<string, object?>
            {
                ["skill"] = report.SkillName,
                ["path"] = path,
                ["checksum"] = report.Checksum,
                ["findings"] = report.Findings.Count,
                ["max_severity"] = report.MaxSeverity?.ToString().ToLowerInvariant(),
                ["verdict"] = report.Verdict.Level.ToString().ToLowerInvariant(),
                ["verdict_score"] = report.Verdict.Score,
                ["rules"] = report.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToArray(),
                ["trust_score"] = report.TrustScore?.Overall,
            },
        });
    }

    public static void Event(IAuditLog audit, AuditEventType type, string action, AuditResult result, RiskLevel risk, string? user, Dictionary<string, object?> details) =>
        audit.Append(new AuditEvent(type, action, result, risk) { UserId = user, Details = details });
}
