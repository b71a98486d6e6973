namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>Where the skills bundled with the pinned openclaw npm package are: the test-deps extract or the proxy's install.</summary>
internal static class OpenClawSkills
{
    public const string Version = "2026.9.6";

    public static string? Folder { get; } = new[]
    {
        Path.Combine(TestPaths.RepoRoot, ".local", $"openclaw-{Version}", "package", "skills"),
        Path.Combine(TestPaths.RepoRoot, "openclaw", "node_modules", "openclaw", "skills"),
    }.FirstOrDefault(path => File.Exists(Path.Combine(path, "weather", "SKILL.md")));
}
