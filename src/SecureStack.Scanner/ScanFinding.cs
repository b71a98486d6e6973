namespace SecureStack.Scanner;

/// <summary>One rule hit: where (1-based line and column), what and why.</summary>
public sealed record ScanFinding(
    string RuleId,
    string RuleName,
    Severity Severity,
    string File,
    int Line,
    int Column,
    string Snippet,
    string Message);
