namespace SecureStack.Scanner.TreeSitter;

/// <summary>A pattern match whose predicates held.</summary>
internal sealed record QueryMatch(int PatternIndex, IReadOnlyList<QueryCapture> Captures);
