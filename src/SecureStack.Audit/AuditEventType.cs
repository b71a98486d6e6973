namespace SecureStack.Audit;

/// <summary>Kinds of security event. The wire name is the snake_case form (<see cref="AuditWireNames"/>).</summary>
public enum AuditEventType
{
    AuthSuccess,
    AuthFailure,
    AuthLockout,
    SkillScan,
    SkillQuarantine,
    SkillOverride,
    SkillRelease,
    SkillInstallDecision,
    PromptInjection,
    SecretDetected,
    EgressBlocked,
    EgressAllowed,
    PolicyDenied,
    ProxyError,
    ConfigWarning,
    WebSocketOpen,
    WebSocketClose,
    LogRotated,
    LogPruned,
    LogDamaged,
    LogTruncated,
    LogCheckpoint,
    ServiceStart,
    ServiceStop,
}
