using System.Text.Json;

namespace SecureStack.Testing;

/// <summary>Reads the JSON lines a real audit log wrote.</summary>
public static class AuditReader
{
    public static IReadOnlyList<JsonElement> Read(string path, string eventType) =>
        [.. File.ReadAllLines(path)
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(e => e.GetProperty("event_type").GetString() == eventType)];

    public static string Detail(JsonElement record, string name) =>
        record.GetProperty("details").GetProperty(name).ToString();
}
