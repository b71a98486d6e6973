using System.Text.Json.Serialization;

namespace SecureStack.Sanitizer.Rules;

/// <summary>The JSON shape of <c>prompt-rules.json</c>.</summary>
internal sealed record RuleFileModel(
    [property: JsonPropertyName("version")] int? Version,
    [property: JsonPropertyName("rules")] IReadOnlyList<RuleModel>? Rules,
    [property: JsonPropertyName("secrets")] IReadOnlyList<RuleModel>? Secrets);
