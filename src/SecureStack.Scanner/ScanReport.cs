using SecureStack.Scanner.Verdicts;

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
    private SkillVerdict? _verdict;

    /// <summary>
    /// The verdict on the skill, which quarantine, the install policy and SARIF levels follow. The scanner sets it
    /// with the skill's files at hand; a report built without one is judged from its findings alone.
    /// </summary>
    public SkillVerdict Verdict
    {
        get => _verdict ??= VerdictCalculator.Compute(Findings);
        init => _verdict = value;
    }

    /// <summary>The worst severity among the findings, or null when there are none.</summary>
    public Severity? MaxSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);

    /// <summary>True when any finding is at or above <paramref name="threshold"/>.</summary>
    public bool IsFlagged(Severity threshold) => Findings.Any(f => f.Severity >= threshold);

    /// <summary>True when the verdict is at or above <paramref name="threshold"/> (and never for <see cref="VerdictLevel.Clean"/> as "flag nothing").</summary>
    public bool IsFlagged(VerdictLevel threshold) => threshold > VerdictLevel.Clean && Verdict.Level >= threshold;
}
