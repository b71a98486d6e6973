namespace SecureStack.Scanner;

/// <summary>The result of scanning one skill.</summary>
public sealed record ScanReport(
    string SkillName,
    string SkillPath,
    string Checksum,
    IReadOnlyList<ScanFinding> Findings,
    TrustScore? TrustScore,
    DateTimeOffset ScannedAt,
    long DurationMs)
{
    /// <summary>The worst severity among the findings, or null when there are none.</summary>
    public Severity? MaxSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);

    /// <summary>True when any finding is at or above <paramref name="threshold"/>.</summary>
    public bool IsFlagged(Severity threshold) => Findings.Any(f => f.Severity >= threshold);
}
