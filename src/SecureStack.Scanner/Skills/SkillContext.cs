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

    /// <summary>Files SKILL.md runs with a named interpreter (<c>bash setup.txt</c>, <c>perl tool.dat</c>): path to the interpreter.</summary>
    public ConcurrentDictionary<string, string> Interpreters { get; } = new(StringComparer.Ordinal);

    /// <summary>Every file path of the skill, archive entries included (<c>tools.zip!/install.sh</c>).</summary>
    public ConcurrentDictionary<string, bool> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Python modules (source and bytecode) with what they import, read and send, for cross-module linking.</summary>
    public ConcurrentBag<PythonModule> PythonModules { get; } = [];

    /// <summary>Python bytecode files and what they hold.</summary>
    public ConcurrentBag<(string File, Bytecode.PycModule Module)> Bytecode { get; } = [];

    /// <summary>Programs the code runs, with where.</summary>
    public ConcurrentDictionary<string, Evidence> Binaries { get; } = new(StringComparer.Ordinal);
}
