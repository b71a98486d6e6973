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
        // Hidden text is judged as what it hides: decoded content counts where it would run.
        if (finding.Message.EndsWith("(inside an encoded blob)", StringComparison.Ordinal))
        {
            return FindingContext.Code;
        }
        return OfFile(finding.File);
    }

    /// <summary>The context of a file of the skill, by its path relative to the skill folder.</summary>
    public static FindingContext OfFile(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = relativePath.Replace('\\', '/');
        var name = Path.GetFileName(path);
        if (name.Equals("SKILL.md", StringComparison.OrdinalIgnoreCase))
        {
            return FindingContext.Instructions;
        }
        if (name == "package.json")
        {
            return FindingContext.Code;
        }
        var folders = path.Split('/')[..^1];
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
