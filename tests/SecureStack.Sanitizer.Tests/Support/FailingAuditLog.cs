using SecureStack.Audit;

namespace SecureStack.Sanitizer.Tests.Support;

/// <summary>An audit log whose storage is gone: every append fails the way the real one does.</summary>
internal sealed class FailingAuditLog : IAuditLog
{
    public void Append(AuditEvent auditEvent) => throw new AuditLogUnavailableException("disk full");
}
