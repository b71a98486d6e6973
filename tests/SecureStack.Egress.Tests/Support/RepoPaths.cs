namespace SecureStack.Egress.Tests;

/// <summary>Files of the repository the egress tests read.</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryPaths.Root;

    public static string NetnsDirectory => Path.Combine(Root, "tests", "SecureStack.Egress.Tests", "netns");

    /// <summary>The real <c>securestack</c> CLI, copied next to the tests by the project reference.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "securestack.dll");
}
