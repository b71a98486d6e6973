namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>Files of the repository the properties read (the shipped rule files).</summary>
internal static class FuzzPaths
{
    public static string Root => RepositoryPaths.Root;

    public static string PromptRules => Path.Combine(Root, "config", "prompt-rules.json");

    public static string ScannerRules => Path.Combine(Root, "config", "scanner-rules.json");

    /// <summary>
    /// A new directory for one input's files, on tmpfs when there is one: the audit log fsyncs and the
    /// properties write thousands of small folders, which on a disk would cost the budget in I/O waits.
    /// </summary>
    public static DirectoryInfo Scratch(string prefix)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        return Directory.CreateDirectory(Path.Combine(root, prefix + Guid.NewGuid().ToString("N")));
    }
}
