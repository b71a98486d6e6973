namespace SecureStack.Scanner.Skills;

/// <summary>Where a <see cref="CodeUnit"/> came from, which decides how strict some rules are.</summary>
internal enum UnitOrigin
{
    /// <summary>A whole file of the skill.</summary>
    File,

    /// <summary>A fenced or indented code block of SKILL.md.</summary>
    CodeBlock,

    /// <summary>Inline code of SKILL.md that looks like a shell command.</summary>
    InlineCode,

    /// <summary>A <c>package.json</c> lifecycle script.</summary>
    PackageScript,

    /// <summary>Plaintext decoded from a base64 or hex blob.</summary>
    Decoded,

    /// <summary>The names and strings listed from a Python bytecode (.pyc) file.</summary>
    Bytecode,
}
