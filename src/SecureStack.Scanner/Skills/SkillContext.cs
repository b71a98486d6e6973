using System.Collections.Concurrent;

namespace SecureStack.Scanner.Skills;

/// <summary>What the rules learn about a whole skill while reading its pieces, for correlation rules.</summary>
internal sealed class SkillContext
{
    public SkillContext(string name, string root, SkillFrontmatter? frontmatter)
    {
        Name = name;
        Root = root;
        Frontmatter = frontmatter;
    }

    public string Name { get; }

    /// <summary>The skill folder (or the single scanned file's folder).</summary>
    public string Root { get; }

    public SkillFrontmatter? Frontmatter { get; set; }

    /// <summary>The Markdown documents of the skill (SKILL.md first), for links and hidden comments.</summary>
    public List<MarkdownDocument> Documents { get; } = [];

    public ConcurrentBag<Evidence> CredentialReads { get; } = [];

    public ConcurrentBag<Evidence> NetworkSends { get; } = [];

    /// <summary>Environment variables the code reads, with where.</summary>
    public ConcurrentDictionary<string, Evidence> EnvironmentVariables { get; } = new(StringComparer.Ordinal);

    /// <summary>Programs the code runs, with where.</summary>
    public ConcurrentDictionary<string, Evidence> Binaries { get; } = new(StringComparer.Ordinal);
}
