namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>Skips, saying how to get it, when the real-skill archive is not present.</summary>
public sealed class RealSkillsFactAttribute : FactAttribute
{
    public RealSkillsFactAttribute()
    {
        if (RealSkillsCorpus.Archive is null)
        {
            Skip = "the real-skill archive is absent: build it with data/skills/build-corpus.py (see data/skills/README.md) or set SECURESTACK_SKILLS_CORPUS";
        }
    }
}
