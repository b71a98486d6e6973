namespace SecureStack.Audit;

/// <summary>Where components record security events.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends one event durably enough for the configured fsync policy.
    /// Throws <see cref="AuditLogUnavailableException"/> when the event cannot be written:
    /// callers that must audit an action then refuse it (fail closed).
    /// </summary>
    void Append(AuditEvent auditEvent);
}
