using System.Text.Json.Serialization;

namespace SecureStack.Scanner.Output.Sarif;

/// <summary>SARIF 2.1.0 top level.</summary>
internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);
