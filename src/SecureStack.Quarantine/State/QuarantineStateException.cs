namespace SecureStack.Quarantine.State;

/// <summary>The state database cannot be used (damaged, foreign, newer schema); it was left untouched.</summary>
public sealed class QuarantineStateException(string message, Exception? inner = null) : Exception(message, inner);
