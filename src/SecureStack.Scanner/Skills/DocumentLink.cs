namespace SecureStack.Scanner.Skills;

/// <summary>A link target in a Markdown document, with its 1-based line.</summary>
internal sealed record DocumentLink(string Url, int Line);
