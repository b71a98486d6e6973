using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureStack.Scanner.Rules;

/// <summary>Source-generated JSON for the rule file: unknown properties are errors, so typos do not silently disable a rule.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RuleFileDocument))]
internal sealed partial class RuleJsonContext : JsonSerializerContext
{
}
