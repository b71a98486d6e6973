namespace SecureStack.Audit;

public enum AuditResult
{
    Success,
    Failure,
    Blocked,
    Flagged,
}
