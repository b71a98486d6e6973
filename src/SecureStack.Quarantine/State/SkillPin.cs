namespace SecureStack.Quarantine.State;

/// <summary>An approved checksum for a skill name (install policy, <c>scan --pin</c>, override).</summary>
public sealed record SkillPin(string Name, string Checksum, string Source, string? PinnedBy, DateTimeOffset PinnedAt);
