using System.Text.RegularExpressions;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>FR-7: .env.example documents every setting the deployment reads, and carries no real secret.</summary>
public sealed partial class EnvExampleTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".env.example"));

    private static IReadOnlyDictionary<string, string> Settings => Lines
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    [Fact]
    public void EveryVariableTheComposeFileReads_IsInEnvExample()
    {
        var used = ComposeVariable().Matches(File.ReadAllText(RepoPaths.Compose)).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(Settings.Keys));
    }

    [Fact]
    public void EverySettingTheInstallScriptReadsFromEnv_IsInEnvExample()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "install.sh"));
        var read = EnvGet().Matches(script).Select(m => m.Groups[1].Value)
            .Concat(SecretLoop().Match(script).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();

        Assert.Contains("API_TOKEN", read);
        Assert.Empty(read.Except(Settings.Keys));
    }

    [Fact]
    public void EverySetting_IsDocumentedByTheCommentAboveItsGroup()
    {
        for (var i = 0; i < Lines.Length; i++)
        {
            if (Lines[i].Length == 0 || Lines[i].StartsWith('#'))
            {
                continue;
            }
            // Settings that belong together (TLS_CERT_PATH, TLS_KEY_PATH) share one comment.
            var above = i - 1;
            while (above >= 0 && Lines[above].Length > 0 && !Lines[above].StartsWith('#'))
            {
                above--;
            }
            Assert.True(above >= 0 && Lines[above].StartsWith("# ", StringComparison.Ordinal) && !Lines[above].StartsWith("# ---", StringComparison.Ordinal),
                $".env.example line {i + 1} ({Lines[i]}) has no comment saying what it is");
        }
    }

    [Fact]
    public void Secrets_AreOnlyPlaceholders()
    {
        foreach (var (name, value) in Settings.Where(s => s.Key.Contains("TOKEN", StringComparison.Ordinal) || s.Key.EndsWith("_KEY", StringComparison.Ordinal)))
        {
            Assert.True(value is "" or "change-me", $"{name} in .env.example holds a value: secrets belong in .env only");
        }
    }

    [GeneratedRegex(@"\$\{([A-Z][A-Z0-9_]*)")]
    private static partial Regex ComposeVariable();

    [GeneratedRegex(@"\$\(env_get ([A-Z][A-Z0-9_]*)\)")]
    private static partial Regex EnvGet();

    [GeneratedRegex(@"for name in ([A-Z_ ]+); do")]
    private static partial Regex SecretLoop();
}
