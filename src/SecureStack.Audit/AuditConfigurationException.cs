namespace SecureStack.Audit;

/// <summary>An audit setting is missing or invalid; the message names it.</summary>
public sealed class AuditConfigurationException(string message) : Exception(message);
