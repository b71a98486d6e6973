namespace SecureStack.Quarantine;

/// <summary>A quarantine operation was refused or could not complete; the message says why and what to do.</summary>
public sealed class QuarantineException(string message, Exception? inner = null, bool notFound = false) : Exception(message, inner)
{
    /// <summary>True when the named skill does not exist or the name is ambiguous (a usage error, not a refusal).</summary>
    public bool NotFound { get; } = notFound;
}
