namespace SecureStack.Scanner.Skills;

/// <summary>What SKILL.md's YAML frontmatter declares (<c>metadata.openclaw</c>).</summary>
internal sealed record SkillFrontmatter(
    string? Name,
    string? Description,
    IReadOnlySet<string> RequiredBins,
    IReadOnlySet<string> RequiredEnv,
    bool Always,
    IReadOnlyList<InstallSpec> Installs,
    int Line);
