namespace SecureStack.Scanner.Rules;

/// <summary>The top level of <c>config/scanner-rules.json</c>.</summary>
internal sealed record RuleFileDocument
{
    public int Version { get; init; }

    public IReadOnlyList<RuleDefinition>? Rules { get; init; }
}
