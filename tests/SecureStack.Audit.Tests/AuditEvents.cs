namespace SecureStack.Audit.Tests;

internal static class AuditEvents
{
    public static AuditEvent Sample(int n = 0) =>
        new(AuditEventType.AuthFailure, "bearer_check", AuditResult.Failure, RiskLevel.Medium)
        {
            SourceIp = "192.0.2.7",
            Details = new Dictionary<string, object?> { ["n"] = n, ["path"] = "/v1/chat/completions" },
        };

    public static void Write(string path, int count, TimeProvider? time = null, AuditLogOptions? options = null)
    {
        using var log = AuditLog.Open(options ?? new AuditLogOptions { Path = path }, time);
        for (var i = 0; i < count; i++)
        {
            log.Append(Sample(i));
        }
    }
}
