namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// A skill folder that is itself a symbolic link. OpenClaw can load it (skills.load.allowSymlinkTargets), the scanner
/// never follows it, so it is reported instead of being skipped or approved unseen.
/// </summary>
internal static class SymlinkedSkillRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-SYMLINK-SKILL", "Skill folder is a symbolic link", Severity.High,
        "The skill folder is a symbolic link; its target is not scanned and can change at any time, so it cannot be approved.");

    public static string Message(string target) =>
        $"the skill folder is a symbolic link to {target}; it was not followed or scanned. Replace the link with a copy of the skill to have it scanned";
}
