namespace SecureStack.Scanner.Skills;

/// <summary>An HTML comment in a Markdown document: invisible when rendered, read by the agent.</summary>
internal sealed record DocumentComment(string Text, int Line);
