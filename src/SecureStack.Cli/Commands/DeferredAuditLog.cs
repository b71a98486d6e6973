using SecureStack.Audit;

namespace SecureStack.Cli.Commands;

/// <summary>An audit log opened on the first event, so read-only commands need no audit log unless they must record something.</summary>
internal sealed class DeferredAuditLog(Func<AuditLog> open) : IAuditLog, IDisposable
{
    private AuditLog? _log;

    public void Append(AuditEvent auditEvent)
    {
        try
        {
            _log ??= open();
        }
        catch (AuditConfigurationException e)
        {
            // Fail closed: whatever needed recording is refused, with the setting to fix.
            throw new AuditLogUnavailableException(e.Message, e);
        }

        _log.Append(auditEvent);
    }

    public void Dispose() => _log?.Dispose();
}
