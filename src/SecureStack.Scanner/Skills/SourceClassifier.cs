using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Skills;

/// <summary>Decides the language of a skill file from its name, or its shebang when it has no extension.</summary>
internal static partial class SourceClassifier
{
    public static SourceLanguage Classify(string relativePath, string text)
    {
        var extension = Path.GetExtension(relativePath).ToLowerInvariant();
        switch (extension)
        {
            case ".js" or ".mjs" or ".cjs" or ".jsx":
                return SourceLanguage.JavaScript;
            case ".ts" or ".mts" or ".cts":
                return SourceLanguage.TypeScript;
            case ".tsx":
                return SourceLanguage.Tsx;
            case ".sh" or ".bash" or ".zsh" or ".command":
                return SourceLanguage.Bash;
            case ".py" or ".pyw":
                return SourceLanguage.Python;
            case ".md" or ".markdown" or ".mdx":
                return SourceLanguage.Markdown;
            default:
                break;
        }
        var shebang = Shebang().Match(text);
        if (!shebang.Success)
        {
            return SourceLanguage.Text;
        }
        var interpreter = shebang.Groups["interpreter"].Value;
        return interpreter switch
        {
            _ when interpreter.StartsWith("python", StringComparison.Ordinal) => SourceLanguage.Python,
            "node" or "nodejs" or "bun" or "deno" => SourceLanguage.JavaScript,
            "ts-node" or "tsx" => SourceLanguage.TypeScript,
            "sh" or "bash" or "zsh" or "dash" or "ksh" => SourceLanguage.Bash,
            _ => SourceLanguage.Text,
        };
    }

    [GeneratedRegex(@"\A#!\s*(?:/usr)?(?:/local)?/bin/(?:env\s+(?:-\S+\s+)*)?(?<interpreter>[\w.-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Shebang();
}
