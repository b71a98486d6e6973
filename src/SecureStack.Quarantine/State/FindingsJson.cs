using System.Text.Json;
using SecureStack.Scanner;

namespace SecureStack.Quarantine.State;

/// <summary>The findings column: a JSON array of <see cref="ScanFinding"/> with severities as words.</summary>
internal static class FindingsJson
{
    public static JsonSerializerOptions Options => QuarantineJson.Options;

    public static string Serialize(IReadOnlyList<ScanFinding> findings) => JsonSerializer.Serialize(findings, Options);

    public static IReadOnlyList<ScanFinding> Deserialize(string json) => JsonSerializer.Deserialize<ScanFinding[]>(json, Options) ?? [];
}
