namespace SecureStack.Quarantine.State;

/// <summary>A move recorded before it starts; exactly one of the tickets is set.</summary>
internal sealed record MoveIntent(long Id, string Source, string Destination, QuarantineTicket? Quarantine, RestoreTicket? Restore);
