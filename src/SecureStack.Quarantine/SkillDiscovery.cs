namespace SecureStack.Quarantine;

/// <summary>Finds skill folders (a folder with a <c>SKILL.md</c>) the way OpenClaw does: up to six levels below a root.</summary>
public static class SkillDiscovery
{
    public const string SkillFile = "SKILL.md";
    public const int MaxDepth = 6;

    public static bool IsSkill(string directory) => File.Exists(Path.Combine(directory, SkillFile));

    /// <summary>Skill folders under <paramref name="root"/>; a skill's own subfolders are not searched. Missing roots yield nothing.</summary>
    public static IReadOnlyList<string> Find(string root)
    {
        var found = new List<string>();
        if (!Directory.Exists(root))
        {
            return found;
        }

        var level = new List<string> { root };
        for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var directory in level)
            {
                IEnumerable<string> children;
                try
                {
                    children = Directory.EnumerateDirectories(directory);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var child in children.Order(StringComparer.Ordinal))
                {
                    if (Path.GetFileName(child).EndsWith(Moves.DirectoryMover.StagingSuffix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (IsSkill(child))
                    {
                        found.Add(child);
                    }
                    else
                    {
                        next.Add(child);
                    }
                }
            }

            level = next;
        }

        return found;
    }
}
