using System.Text.Json.Serialization;

namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>Reads tests/corpus/malicious/manifest.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, ManifestEntry>))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext
{
}
