namespace SecureStack.Audit;

/// <summary>When appended records are forced to stable storage.</summary>
public enum FsyncPolicy
{
    /// <summary>fsync after every event: nothing acknowledged is lost on power failure.</summary>
    EveryEvent,

    /// <summary>fsync at most every <see cref="AuditLogOptions.FsyncInterval"/>: records are flushed to the OS at once.</summary>
    Interval,
}
