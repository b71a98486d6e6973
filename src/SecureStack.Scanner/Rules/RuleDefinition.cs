namespace SecureStack.Scanner.Rules;

/// <summary>One rule as written in <c>config/scanner-rules.json</c> (the seed's ScannerRule plus languages and examples).</summary>
internal sealed record RuleDefinition
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Severity { get; init; }

    /// <summary>tree-sitter S-expression query; the capture <c>@match</c> (else the first) is reported.</summary>
    public string? AstQuery { get; init; }

    /// <summary>Regular expression over the text, for prose and signatures a query cannot see.</summary>
    public string? Pattern { get; init; }

    public string? Description { get; init; }

    /// <summary>javascript, typescript, tsx, bash, python, markdown, text, or "any".</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    public RuleExamples? Examples { get; init; }
}
