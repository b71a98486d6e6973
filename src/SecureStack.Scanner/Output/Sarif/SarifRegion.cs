namespace SecureStack.Scanner.Output.Sarif;

/// <summary>1-based line and column, plus the offending text.</summary>
internal sealed record SarifRegion(int StartLine, int StartColumn, SarifText Snippet);
