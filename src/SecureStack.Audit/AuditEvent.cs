namespace SecureStack.Audit;

/// <summary>One security event, as written to the audit log.</summary>
public sealed record AuditEvent(
    AuditEventType Type,
    string Action,
    AuditResult Result,
    RiskLevel Risk)
{
    public string? SourceIp { get; init; }

    public string? UserId { get; init; }

    /// <summary>Event-specific fields. Values must be JSON-serialisable (strings, numbers, booleans, arrays, dictionaries).</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }
}
