namespace SecureStack.Scanner.Rules;

/// <summary>Code a rule must flag (positive) and must not flag (negative); the test suite runs them.</summary>
internal sealed record RuleExamples
{
    public IReadOnlyList<string> Positive { get; init; } = [];

    public IReadOnlyList<string> Negative { get; init; } = [];
}
