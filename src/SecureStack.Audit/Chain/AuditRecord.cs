using System.Text.Json;

namespace SecureStack.Audit.Chain;

/// <summary>One line of the log, parsed: the chain fields plus the event.</summary>
public sealed record AuditRecord(
    long Seq,
    DateTimeOffset Timestamp,
    string EventType,
    string Action,
    string Result,
    string RiskLevel,
    string Prev,
    string Hash)
{
    public string? SourceIp { get; init; }

    public string? UserId { get; init; }

    public JsonElement? Details { get; init; }

    public string? DetailString(string key) =>
        Details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public long? DetailNumber(string key) =>
        Details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
            ? n
            : null;
}
