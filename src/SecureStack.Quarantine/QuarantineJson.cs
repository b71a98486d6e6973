using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureStack.Quarantine;

/// <summary>How quarantine state is written as JSON (database column, <c>--json</c> output): camelCase, enums as words.</summary>
public static class QuarantineJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
