using System.Text.Json.Serialization;

namespace SecureStack.Sanitizer.Rules;

/// <summary>Texts a rule must fire on, and texts it must leave alone.</summary>
internal sealed record ExamplesModel(
    [property: JsonPropertyName("positive")] IReadOnlyList<string>? Positive,
    [property: JsonPropertyName("negative")] IReadOnlyList<string>? Negative);
