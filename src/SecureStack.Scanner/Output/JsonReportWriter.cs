using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecureStack.Scanner.Output;

/// <summary>Writes reports as a JSON array of the seed's ScanReport objects.</summary>
public static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Options = new(ReportJsonContext.Default.Options)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter<Severity>(JsonNamingPolicy.SnakeCaseLower) },
        TypeInfoResolver = ReportJsonContext.Default,
    };

    public static void Write(Stream stream, IReadOnlyList<ScanReport> reports) =>
        JsonSerializer.Serialize(stream, reports, (JsonTypeInfo<IReadOnlyList<ScanReport>>)Options.GetTypeInfo(typeof(IReadOnlyList<ScanReport>)));

    public static string Serialize(ScanReport report) =>
        JsonSerializer.Serialize(report, (JsonTypeInfo<ScanReport>)Options.GetTypeInfo(typeof(ScanReport)));
}
