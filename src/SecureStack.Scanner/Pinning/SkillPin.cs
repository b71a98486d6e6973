namespace SecureStack.Scanner.Pinning;

/// <summary>A skill pinned to the checksum it had when it was approved.</summary>
public sealed record SkillPin(string Name, string Path, string Checksum, DateTimeOffset PinnedAt);
