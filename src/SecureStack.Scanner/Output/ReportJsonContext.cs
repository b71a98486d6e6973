using System.Text.Json.Serialization;

namespace SecureStack.Scanner.Output;

/// <summary>JSON of scan reports in the seed's snake_case shape; severities as lowercase words.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<ScanReport>))]
[JsonSerializable(typeof(ScanReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
