namespace SecureStack.Benchmarks.Scanner;

/// <summary>Repository paths the scanner benchmarks read.</summary>
internal static class BenchPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Rules => Path.Combine(RepoRoot, "config", "scanner-rules.json");

    /// <summary>OpenClaw's bundled skills from the pinned npm package (openclaw/package-lock.json; scripts/install-test-deps.sh runs npm ci there).</summary>
    public static string BundledSkills => Path.Combine(RepoRoot, "openclaw", "node_modules", "openclaw", "skills");

    private static string FindRoot()
    {
        // BenchmarkDotNet runs from a generated folder under bin/, so search upwards from both places.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var directory = new DirectoryInfo(start);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SecureStack.slnx")))
            {
                directory = directory.Parent;
            }
            if (directory is not null)
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SecureStack.slnx not found");
    }
}
