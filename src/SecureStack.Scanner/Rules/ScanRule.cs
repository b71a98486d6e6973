using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules;

/// <summary>
/// A rule the engine runs: on each piece of content (<see cref="Detect"/>) and, for rules that correlate, once
/// per skill after every piece was seen (<see cref="DetectSkill"/>).
/// </summary>
internal abstract class ScanRule
{
    public abstract IReadOnlyList<RuleDescriptor> Descriptors { get; }

    public virtual void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
    }

    public virtual void DetectSkill(SkillContext skill, FindingSink sink)
    {
    }
}
