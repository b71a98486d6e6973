namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>The skills bundled with the pinned openclaw npm package (openclaw/package-lock.json, installed by scripts/install-test-deps.sh).</summary>
internal static class OpenClawSkills
{
    public static string? Folder { get; } =
        Path.Combine(TestPaths.RepoRoot, "openclaw", "node_modules", "openclaw", "skills") is var path && File.Exists(Path.Combine(path, "weather", "SKILL.md"))
            ? path
            : null;
}
