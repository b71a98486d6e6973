namespace SecureStack.Scanner.Skills;

/// <summary>What a piece of skill content is written in; rules name these in <c>languages</c>.</summary>
public enum SourceLanguage
{
    JavaScript,
    TypeScript,
    Tsx,
    Bash,
    Python,

    /// <summary>SKILL.md and other Markdown: prose, read by the agent.</summary>
    Markdown,

    /// <summary>Any other text file.</summary>
    Text,
}
