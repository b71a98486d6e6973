using System.Text.Json.Serialization;

namespace SecureStack.Scanner.Output.Sarif;

/// <summary>GitHub code scanning reads security-severity (0–10) and tags.</summary>
internal sealed record SarifRuleProperties(
    [property: JsonPropertyName("security-severity")] string SecuritySeverity,
    IReadOnlyList<string> Tags);
