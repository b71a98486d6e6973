namespace SecureStack.Quarantine.State;

/// <summary>Everything needed to finish putting a quarantined skill back in its root, stored with the move intent.</summary>
internal sealed record RestoreTicket(
    long SkillId,
    string Name,
    string QuarantinePath,
    string EntryDirectory,
    string OriginalPath,
    string Checksum,
    SkillStatus Status,
    string? User,
    string? Acknowledgement,
    string Why);
