namespace SecureStack.Scanner.Verdicts;

/// <summary>
/// The verdict on one skill: its level, the score it came from, and the findings that decided it (highest points
/// first), with one line per correlation that added to the score.
/// </summary>
public sealed record SkillVerdict(VerdictLevel Level, double Score, IReadOnlyList<DecidingFinding> Deciding, IReadOnlyList<string> Reasons)
{
    public static SkillVerdict Clean { get; } = new(VerdictLevel.Clean, 0, [], []);
}
