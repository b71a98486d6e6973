using SecureStack.Scanner;

namespace SecureStack.Quarantine.State;

/// <summary>
/// One skill's row (the seed's SkillMetadata plus where a quarantined copy lives). Keyed by id, not name: two
/// roots may hold skills with the same name.
/// </summary>
public sealed record SkillRecord(
    long Id,
    string Name,
    string Path,
    string Checksum,
    SkillStatus Status,
    DateTimeOffset? LastScanned,
    int? TrustScore,
    IReadOnlyList<ScanFinding> Findings,
    string? Reason)
{
    /// <summary>The skill folder inside the quarantine directory, while quarantined.</summary>
    public string? QuarantinePath { get; init; }

    public DateTimeOffset? QuarantinedAt { get; init; }

    public string? OverrideUser { get; init; }

    public string? OverrideAck { get; init; }

    public DateTimeOffset? OverrideAt { get; init; }
}
