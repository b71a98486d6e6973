namespace SecureStack.Scanner.Verdicts;

/// <summary>Where a finding sits, which decides how much it says about intent.</summary>
public enum FindingContext
{
    /// <summary>A script or program file of the skill: what runs.</summary>
    Code,

    /// <summary>The skill's own SKILL.md, prose and code blocks alike: what the agent is told to do.</summary>
    Instructions,

    /// <summary>Other documents, references, examples, tests and fixtures: read by people, rarely acted on.</summary>
    Documentation,

    /// <summary>A statement about the skill as a whole (metadata coherence, pins, file types).</summary>
    Skill,
}
