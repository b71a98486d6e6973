namespace SecureStack.Scanner;

/// <summary>
/// 0–100 trust in a skill; each component is null when its input is unknown (see <c>Trust/TrustScoreCalculator</c>
/// for the formula). <see cref="Overall"/> is null only when no input at all is known.
/// </summary>
public sealed record TrustScore(
    int? Overall,
    int? AuthorReputation,
    int? DownloadCount,
    int? CommunityReviews,
    int? LastUpdateDays)
{
    /// <summary>Points from the findings alone (100 = no findings); always known.</summary>
    public int FindingsScore { get; init; }

    /// <summary>True when the skill's name and checksum are on the opt-in community allowlist.</summary>
    public bool CommunityAllowlisted { get; init; }
}
