namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>
/// Where the real-skill archive is (data/skills/README.md): $SECURESTACK_SKILLS_CORPUS, else
/// data/skills/skills-corpus.tar.gz (committed), else skills-corpus.tar.gz in the shared folder beside the repository.
/// </summary>
internal static class RealSkillsCorpus
{
    public static string? Archive { get; } = Find();

    private static string? Find()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("SECURESTACK_SKILLS_CORPUS"),
            Path.Combine(TestPaths.RepoRoot, "data", "skills", "skills-corpus.tar.gz"),
            Path.Combine(TestPaths.RepoRoot, "..", "shared", "skills-corpus.tar.gz"),
        ];
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}
