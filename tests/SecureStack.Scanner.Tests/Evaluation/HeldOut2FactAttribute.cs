namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>Skips, saying how to get it, when the held-out-2 archive is not present.</summary>
public sealed class HeldOut2FactAttribute : FactAttribute
{
    public HeldOut2FactAttribute()
    {
        if (RealSkillsCorpus.HeldOut2Archive is null)
        {
            Skip = "the held-out-2 archive is absent: build it with data/skills/build-heldout2.py (see data/skills/README.md) or set SECURESTACK_SKILLS_HELDOUT2";
        }
    }
}
