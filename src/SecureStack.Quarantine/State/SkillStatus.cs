namespace SecureStack.Quarantine.State;

/// <summary>Where a skill stands: loadable, moved out of every root, or loadable by an acknowledged override.</summary>
public enum SkillStatus
{
    Active,
    Quarantined,
    Overridden,
}
