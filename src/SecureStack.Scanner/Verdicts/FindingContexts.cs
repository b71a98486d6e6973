namespace SecureStack.Scanner.Verdicts;

/// <summary>Decides the <see cref="FindingContext"/> of a finding from its rule and file path.</summary>
public static class FindingContexts
{
    private static readonly HashSet<string> DocumentExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".md", ".markdown", ".mdx", ".txt", ".rst", ".adoc", ".json", ".jsonl", ".yaml", ".yml", ".toml", ".csv", ".xml", ".ini", ".cfg", ".conf", ".log", ".lock",
    };

    private static readonly HashSet<string> DocumentFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "__tests__", "spec", "specs", "fixtures", "test-fixtures", "testdata", "test_data", "examples", "example", "samples", "docs", "doc",
        "benchmarks", "evals",
    };

    private static readonly string[] SkillWideRules = ["SS-META-", "SS-PIN-", "SS-SYMLINK", "SS-SCAN-INCOMPLETE"];

    public static FindingContext Of(ScanFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (SkillWideRules.Any(p => finding.RuleId.StartsWith(p, StringComparison.Ordinal)))
        {
            return FindingContext.Skill;
        }
        // Hidden text is judged as what it hides: decoded content counts where it would run, unless it sits in documentation.
        var context = OfFile(finding.File);
        return finding.Message.EndsWith("(inside an encoded blob)", StringComparison.Ordinal) && context != FindingContext.Documentation ? FindingContext.Code : context;
    }

    /// <summary>The context of a file of the skill, by its path relative to the skill folder.</summary>
    public static FindingContext OfFile(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = relativePath.Replace('\\', '/');
        var name = Path.GetFileName(path);
        var folders = path.Split('/')[..^1];
        if (name.Equals("SKILL.md", StringComparison.OrdinalIgnoreCase))
        {
            // A SKILL.md inside tests or fixtures is a sample, not this skill's instructions.
            return folders.Any(DocumentFolders.Contains) ? FindingContext.Documentation : FindingContext.Instructions;
        }
        // Dependency manifests are what gets installed, whatever their extension.
        if (name == "package.json" || (name.StartsWith("requirements", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
        {
            return FindingContext.Code;
        }
        if (DocumentExtensions.Contains(Path.GetExtension(name)) || folders.Any(DocumentFolders.Contains) || IsTestFile(name))
        {
            return FindingContext.Documentation;
        }
        return FindingContext.Code;
    }

    private static bool IsTestFile(string name) =>
        name.StartsWith("test_", StringComparison.Ordinal) || name.Contains(".test.", StringComparison.Ordinal)
        || name.Contains(".spec.", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal);
}
