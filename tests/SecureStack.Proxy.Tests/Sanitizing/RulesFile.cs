namespace SecureStack.Proxy.Tests.Sanitizing;

/// <summary>The repository's own config/prompt-rules.json, as the proxy loads it in production.</summary>
internal static class RulesFile
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SecureStack.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, "config", "prompt-rules.json");
            }
        }

        throw new InvalidOperationException("SecureStack.slnx not found above " + AppContext.BaseDirectory);
    }
}
