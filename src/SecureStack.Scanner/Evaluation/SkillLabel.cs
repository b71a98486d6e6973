namespace SecureStack.Scanner.Evaluation;

/// <summary>The label of one real skill (data/skills/labels.tsv).</summary>
public enum SkillLabel
{
    /// <summary>Not listed in the labels file: never reviewed, not known to be malicious.</summary>
    PresumedBenign,

    /// <summary>Flagged by a scanner version, read by hand, found legitimate.</summary>
    BenignAfterReview,

    /// <summary>Named by a public incident report or found malicious on review.</summary>
    Malicious,
}
