namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>Files of the repository the properties read (the shipped rule files).</summary>
internal static class FuzzPaths
{
    public static string Root { get; } = FindRoot();

    public static string PromptRules => Path.Combine(Root, "config", "prompt-rules.json");

    public static string ScannerRules => Path.Combine(Root, "config", "scanner-rules.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureStack.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureStack.slnx not found above " + AppContext.BaseDirectory);
    }
}
