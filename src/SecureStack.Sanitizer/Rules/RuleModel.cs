using System.Text.Json.Serialization;

namespace SecureStack.Sanitizer.Rules;

/// <summary>One rule as written in the file.</summary>
internal sealed record RuleModel(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("pattern")] string? Pattern,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("match_compact")] bool? MatchCompact,
    [property: JsonPropertyName("examples")] ExamplesModel? Examples);
