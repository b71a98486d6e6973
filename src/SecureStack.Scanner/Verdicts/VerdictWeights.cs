namespace SecureStack.Scanner.Verdicts;

/// <summary>
/// The hand-set weights of the verdict (chosen on the calibration part of data/skills, bench/RESULTS.md): points
/// per severity, how much a context counts, and the score at which a skill becomes suspicious or malicious.
/// </summary>
public sealed record VerdictWeights
{
    public static VerdictWeights Default { get; } = new();

    public double SuspiciousAt { get; init; } = 5;

    public double MaliciousAt { get; init; } = 10;

    public double Critical { get; init; } = 10;

    public double High { get; init; } = 5;

    public double Medium { get; init; } = 1;

    public double Low { get; init; } = 0.2;

    /// <summary>Documentation, examples and tests: a payload quoted in a security guide is not one the skill runs.</summary>
    public double DocumentationFactor { get; init; } = 0.3;

    /// <summary>At most this many points come from documentation, examples and tests together: a security tool's quoted payloads stay below malicious.</summary>
    public double DocumentationCap { get; init; } = 3;

    /// <summary>A capability that becomes decisive with intent: credential access plus an attacker's destination, and the like.</summary>
    public double CorrelationBonus { get; init; } = 10;

    /// <summary>Instruction-like text (hidden, confirmation-skipping or overriding) next to a harmful capability.</summary>
    public double IntentBonus { get; init; } = 5;

    /// <summary>Points per unit of probability from an optional prose classifier over SKILL.md windows.</summary>
    public double ProseClassifier { get; init; } = 5;

    public double PointsFor(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        _ => 0,
    };
}
