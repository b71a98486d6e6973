using SecureStack.Testing;

namespace SecureStack.Sanitizer.Tests.Support;

/// <summary>Locates files of the repository and the shared corpora from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryPaths.Root;

    public static string Rules => Path.Combine(Root, "config", "prompt-rules.json");

    public static string ProjectCorpus => Path.Combine(Root, "tests", "corpus", "prompts");

    /// <summary><c>SECURESTACK_SHARED_CORPORA</c>, else <c>../shared/corpora/prompts</c> next to the repository.</summary>
    public static string SharedCorpus =>
        Environment.GetEnvironmentVariable("SECURESTACK_SHARED_CORPORA") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora", "prompts"));
}
