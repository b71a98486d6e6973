using System.Text.Json.Serialization;

namespace SecureStack.Scanner.Output.Sarif;

/// <summary>SARIF uses camelCase property names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SarifLog))]
internal sealed partial class SarifJsonContext : JsonSerializerContext
{
}
