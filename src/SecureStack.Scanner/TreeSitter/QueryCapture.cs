namespace SecureStack.Scanner.TreeSitter;

/// <summary>One node captured by a query pattern.</summary>
internal readonly record struct QueryCapture(int Id, string Name, SyntaxNode Node);
