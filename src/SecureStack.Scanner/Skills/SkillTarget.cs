namespace SecureStack.Scanner.Skills;

/// <summary>Turns what a user names (a skill folder, a folder of skills, a file) into the skills to scan.</summary>
public static class SkillTarget
{
    /// <summary>A folder with SKILL.md or a file is one skill; a folder of such folders is many.</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || !Directory.Exists(full))
        {
            return [full];
        }
        if (File.Exists(Path.Combine(full, "SKILL.md")))
        {
            return [full];
        }
        var children = Directory.EnumerateDirectories(full)
            // A symlinked skill folder is listed too: the scan reports it (SS-SYMLINK-SKILL) rather than skipping it in silence.
            .Where(d => File.Exists(Path.Combine(d, "SKILL.md")))
            .Order(StringComparer.Ordinal)
            .ToList();
        return children.Count > 0 ? children : [full];
    }
}
