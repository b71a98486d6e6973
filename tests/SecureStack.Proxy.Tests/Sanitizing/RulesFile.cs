namespace SecureStack.Proxy.Tests.Sanitizing;

/// <summary>The repository's own config/prompt-rules.json, as the proxy loads it in production.</summary>
internal static class RulesFile
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryPaths.Root, "config", "prompt-rules.json");
}
