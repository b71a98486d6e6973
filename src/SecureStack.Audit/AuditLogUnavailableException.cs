namespace SecureStack.Audit;

/// <summary>The audit log cannot take events (disk full, read-only volume, permissions).</summary>
public sealed class AuditLogUnavailableException(string message, Exception? inner = null)
    : Exception(message, inner);
