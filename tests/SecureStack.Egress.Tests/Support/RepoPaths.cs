namespace SecureStack.Egress.Tests;

/// <summary>Finds files of the repository from the test output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NetnsDirectory => Path.Combine(Root, "tests", "SecureStack.Egress.Tests", "netns");

    /// <summary>The real <c>securestack</c> CLI, copied next to the tests by the project reference.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "securestack.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureStack.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no SecureStack.slnx above {AppContext.BaseDirectory}");
    }
}
