using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Skills;

/// <summary>
/// Finds the files a skill's Markdown tells the agent to run with a named interpreter, so that each is scanned as
/// the language it runs as whatever its extension (a <c>.txt</c> run with <c>bash</c> is a shell script).
/// </summary>
internal static partial class RunReferences
{
    private const int MaxReferences = 256;

    public static IEnumerable<RunReference> Find(string markdown) =>
        Command().Matches(markdown).Take(MaxReferences).Select(m => new RunReference(m.Groups["interpreter"].Value, m.Groups["path"].Value));

    /// <summary>The skill file a referenced path names: <c>{baseDir}/x</c>, <c>$SKILL_DIR/x</c>, <c>./x</c>, <c>x</c>, or a longer path ending in one.</summary>
    public static string? Resolve(string path, IReadOnlySet<string> files)
    {
        var cleaned = path.Trim('"', '\'', '`');
        cleaned = BaseDirectory().Replace(cleaned, string.Empty);
        if (cleaned.StartsWith("./", StringComparison.Ordinal))
        {
            cleaned = cleaned[2..];
        }
        if (files.Contains(cleaned))
        {
            return cleaned;
        }
        // An install path such as ~/.openclaw/skills/<name>/setup/steps.txt ends in the file's relative path.
        foreach (var file in files)
        {
            if (cleaned.EndsWith("/" + file, StringComparison.Ordinal))
            {
                return file;
            }
        }
        return null;
    }

    /// <summary>The language a file is scanned as when run by this interpreter; null for interpreters without a grammar.</summary>
    public static SourceLanguage? LanguageOf(string interpreter) => System.IO.Path.GetFileName(interpreter) switch
    {
        "bash" or "sh" or "zsh" or "dash" or "ksh" or "source" or "." => SourceLanguage.Bash,
        var p when p.StartsWith("python", StringComparison.Ordinal) => SourceLanguage.Python,
        "node" or "nodejs" or "bun" or "deno" => SourceLanguage.JavaScript,
        _ => null,
    };

    [GeneratedRegex(@"(?<![\w./-])(?<interpreter>(?:/usr)?(?:/local)?(?:/bin/)?(?:bash|sh|zsh|dash|ksh|source|python(?:3(?:\.\d+)?)?|node|bun|perl|ruby|php|osascript|pwsh|powershell(?:\.exe)?)|\.)(?:[ \t]+-[-\w]+)*[ \t]+(?<path>[""']?[\w{}$~./-]+[""']?)(?=$|[\s`'"";|&)])", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Command();

    [GeneratedRegex(@"^(?:\{baseDir\}|\$\{?(?:baseDir|SKILL_DIR|SKILL_ROOT|BASE_DIR|CLAUDE_SKILL_DIR)\}?)/", RegexOptions.CultureInvariant)]
    private static partial Regex BaseDirectory();
}
