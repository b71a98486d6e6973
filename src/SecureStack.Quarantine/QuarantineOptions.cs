using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine;

/// <summary>
/// Where quarantine state lives and which skill directories it guards; read by <see cref="QuarantineEnvironment"/>,
/// validated at start (<see cref="Validate"/>) as options of the service that uses it.
/// </summary>
public sealed record QuarantineOptions
{
    public const string DatabaseVariable = "SECURESTACK_DB";
    public const string QuarantineDirectoryVariable = "SECURESTACK_QUARANTINE_DIR";
    public const string SkillRootsVariable = "SECURESTACK_SKILL_ROOTS";

    /// <summary>The SQLite file holding skill state, pins and move intents.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Where quarantined skills are moved; must be outside every skill root.</summary>
    public required string QuarantineDirectory { get; init; }

    /// <summary>Every directory OpenClaw loads skills from.</summary>
    public required IReadOnlyList<string> SkillRoots { get; init; }

    /// <summary>The scanner's verdict at or above which a skill is quarantined and its install blocked: malicious by default, suspicious by configuration.</summary>
    public VerdictLevel FailOn { get; init; } = VerdictLevel.Malicious;

    /// <summary>
    /// OpenClaw's skill roots for a home directory (OPENCLAW.md, "Skills"): the workspace's <c>skills</c> and
    /// <c>.agents/skills</c>, <c>~/.agents/skills</c> and the managed <c>~/.openclaw/skills</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultSkillRoots(string home, string? workspace = null)
    {
        workspace ??= Path.Combine(home, ".openclaw", "workspace");
        return
        [
            Path.Combine(workspace, "skills"),
            Path.Combine(workspace, ".agents", "skills"),
            Path.Combine(home, ".agents", "skills"),
            Path.Combine(home, ".openclaw", "skills"),
        ];
    }

    /// <summary>Fails with a message naming the setting when the layout would let a quarantined skill load.</summary>
    public void Validate()
    {
        if (SkillRoots.Count == 0)
        {
            throw new QuarantineConfigurationException($"{SkillRootsVariable}: no skill roots configured; list the directories OpenClaw loads skills from");
        }

        foreach (var root in SkillRoots)
        {
            if (!Path.IsPathFullyQualified(root))
            {
                throw new QuarantineConfigurationException($"{SkillRootsVariable}: \"{root}\" is not an absolute path");
            }

            if (PathUtil.IsSameOrInside(QuarantineDirectory, root) || PathUtil.IsSameOrInside(root, QuarantineDirectory))
            {
                throw new QuarantineConfigurationException(
                    $"{QuarantineDirectoryVariable}: \"{QuarantineDirectory}\" overlaps the skill root \"{root}\"; OpenClaw would still load quarantined skills. Choose a directory outside every skill root");
            }

            if (PathUtil.IsSameOrInside(DatabasePath, root))
            {
                throw new QuarantineConfigurationException(
                    $"{DatabaseVariable}: \"{DatabasePath}\" is inside the skill root \"{root}\"; keep the database out of the gateway's skill directories");
            }
        }

        if (!Path.IsPathFullyQualified(QuarantineDirectory))
        {
            throw new QuarantineConfigurationException($"{QuarantineDirectoryVariable}: \"{QuarantineDirectory}\" is not an absolute path");
        }
    }
}
