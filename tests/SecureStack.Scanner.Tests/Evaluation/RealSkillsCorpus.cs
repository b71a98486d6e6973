namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>
/// Where the real-skill archives are (data/skills/README.md): $SECURESTACK_SKILLS_CORPUS (held-out-2:
/// $SECURESTACK_SKILLS_HELDOUT2), else the file in data/skills/, else the one in the shared folder beside the repository.
/// </summary>
internal static class RealSkillsCorpus
{
    public static string? Archive { get; } = Find("SECURESTACK_SKILLS_CORPUS", "skills-corpus.tar.gz");

    public static string? HeldOut2Archive { get; } = Find("SECURESTACK_SKILLS_HELDOUT2", "skills-heldout2.tar.gz");

    private static string? Find(string variable, string name)
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable(variable),
            Path.Combine(TestPaths.RepoRoot, "data", "skills", name),
            Path.Combine(TestPaths.RepoRoot, "..", "shared", name),
        ];
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}
