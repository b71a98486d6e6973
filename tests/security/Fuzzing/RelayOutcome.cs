namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>What the relay did with one client frame, and what the other side got (frame, reply or close status).</summary>
internal sealed record RelayOutcome(RelayOutcomeKind Kind, string Detail);
