using SecureStack.Audit;

namespace SecureStack.Egress.Tests;

/// <summary>An audit log whose disk is gone: every append fails the way the real one does.</summary>
internal sealed class ThrowingAuditLog : IAuditLog
{
    public int Attempts { get; private set; }

    public void Append(AuditEvent e)
    {
        Attempts++;
        throw new AuditLogUnavailableException("audit log /gone/audit.jsonl cannot be written: disk full", new IOException("disk full"));
    }
}
