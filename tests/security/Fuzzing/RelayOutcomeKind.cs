namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>What the relay did with one client frame.</summary>
internal enum RelayOutcomeKind
{
    Forwarded,
    Refused,
    Closed,
    Faulted,
}
