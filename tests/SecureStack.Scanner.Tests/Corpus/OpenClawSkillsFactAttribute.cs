namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>Skips (with the command that fixes it) when neither copy of OpenClaw's bundled skills is installed.</summary>
public sealed class OpenClawSkillsFactAttribute : FactAttribute
{
    public OpenClawSkillsFactAttribute()
    {
        if (OpenClawSkills.Folder is null)
        {
            Skip = "OpenClaw's bundled skills are not installed: run scripts/install-test-deps.sh (npm ci in openclaw/)";
        }
    }
}
