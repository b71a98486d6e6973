namespace SecureStack.Scanner.Trust;

/// <summary>
/// The trust score. Findings score F = 100 − 60·critical − 30·high − 8·medium − 2·low (at least 0), counting
/// distinct rules per severity so one noisy rule does not sink a skill.
/// Registry score R = weighted mean of the known parts only: author reputation (0–100, weight 0.35),
/// downloads (25·log10(downloads+1), capped at 100, weight 0.25), reviews (rating/5·100 scaled by
/// min(1, reviews/10), or 10 per review without a rating, weight 0.2), recency (100 up to 30 days since the last
/// update, falling linearly to 0 at 730 days, weight 0.2). Overall = round((F + R) / 2) when any registry input
/// is known, else F; a skill with a critical finding is capped at 10, with a high finding at 30. A community
/// allowlisted skill (name and checksum) without high findings gets at least 80.
/// </summary>
internal static class TrustScoreCalculator
{
    public static TrustScore Compute(RegistryMetadata? metadata, IReadOnlyList<ScanFinding> findings, bool allowlisted, DateTimeOffset now)
    {
        var critical = Rules(findings, Severity.Critical);
        var high = Rules(findings, Severity.High);
        var findingsScore = Math.Max(0, 100 - (60 * critical) - (30 * high) - (8 * Rules(findings, Severity.Medium)) - (2 * Rules(findings, Severity.Low)));
        int? lastUpdateDays = metadata?.UpdatedAt is { } updated ? Math.Max(0, (int)(now - updated).TotalDays) : null;
        var parts = new List<(double Score, double Weight)>();
        if (metadata?.AuthorReputation is { } reputation)
        {
            parts.Add((reputation, 0.35));
        }
        if (metadata?.Downloads is { } downloads)
        {
            parts.Add((Math.Min(100, 25 * Math.Log10(downloads + 1)), 0.25));
        }
        if (metadata?.Rating is { } rating)
        {
            parts.Add((Math.Clamp(rating / 5 * 100, 0, 100) * Math.Min(1, (metadata.Reviews ?? 10) / 10.0), 0.2));
        }
        else if (metadata?.Reviews is { } reviews)
        {
            parts.Add((Math.Min(100, reviews * 10), 0.2));
        }
        if (lastUpdateDays is { } days)
        {
            parts.Add((days <= 30 ? 100 : Math.Max(0, 100 - ((days - 30) * 100.0 / 700)), 0.2));
        }
        var overall = parts.Count == 0
            ? findingsScore
            : (int)Math.Round((findingsScore + (parts.Sum(p => p.Score * p.Weight) / parts.Sum(p => p.Weight))) / 2);
        if (critical > 0)
        {
            overall = Math.Min(overall, 10);
        }
        else if (high > 0)
        {
            overall = Math.Min(overall, 30);
        }
        else if (allowlisted)
        {
            overall = Math.Max(overall, 80);
        }
        return new TrustScore(
            overall,
            metadata?.AuthorReputation,
            metadata?.Downloads is { } count ? (int)Math.Min(count, int.MaxValue) : null,
            metadata?.Reviews,
            lastUpdateDays)
        {
            FindingsScore = findingsScore,
            CommunityAllowlisted = allowlisted,
        };
    }

    private static int Rules(IReadOnlyList<ScanFinding> findings, Severity severity) =>
        findings.Where(f => f.Severity == severity).Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Count();
}
