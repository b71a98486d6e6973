namespace SecureStack.Scanner.Tests;

/// <summary>Locations in the repository the tests read.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Rules => Path.Combine(RepoRoot, "config", "scanner-rules.json");

    public static string Corpus => Path.Combine(RepoRoot, "tests", "corpus");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SecureStack.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("SecureStack.slnx not found above " + AppContext.BaseDirectory);
    }
}
