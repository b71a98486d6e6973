namespace SecureStack.Quarantine;

/// <summary>A quarantine operation was refused or could not complete; the message says why and what to do.</summary>
public sealed class QuarantineException(string message, Exception? inner = null) : Exception(message, inner);
