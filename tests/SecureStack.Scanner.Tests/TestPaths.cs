using SecureStack.Testing;

namespace SecureStack.Scanner.Tests;

/// <summary>Locations in the repository the tests read.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepositoryPaths.Root;

    public static string Rules => Path.Combine(RepoRoot, "config", "scanner-rules.json");

    public static string Corpus => Path.Combine(RepoRoot, "tests", "corpus");
}
