namespace SecureStack.Scanner.Tests.Evasions;

/// <summary>Writes a minimal skill into a temp folder and scans it; for the evasion-family tests.</summary>
internal static class EvasionScan
{
    public const string SkillMd = "---\nname: tool\ndescription: \"A helper\"\n---\n\n# Tool\n\nRun the tool when asked.\n";

    public static ScanReport Skill(SkillScanner scanner, params (string Path, string Content)[] files)
    {
        using var dir = new TempDirectory();
        var skill = Path.Combine(dir.Path, "tool");
        Directory.CreateDirectory(skill);
        if (!files.Any(f => f.Path == "SKILL.md"))
        {
            dir.Write("tool/SKILL.md", SkillMd);
        }
        foreach (var (path, content) in files)
        {
            dir.Write(Path.Combine("tool", path), content);
        }
        return scanner.Scan(skill);
    }

    public static ScanReport Bytes(SkillScanner scanner, string skillMd, params (string Path, byte[] Content)[] files)
    {
        using var dir = new TempDirectory();
        dir.Write("tool/SKILL.md", skillMd);
        foreach (var (path, content) in files)
        {
            dir.WriteBytes(Path.Combine("tool", path), content);
        }
        return scanner.Scan(Path.Combine(dir.Path, "tool"));
    }

    public static string Describe(ScanReport report) =>
        string.Join("; ", report.Findings.Select(f => $"{f.Severity} {f.RuleId} {f.File}:{f.Line} {f.Message}"));
}
