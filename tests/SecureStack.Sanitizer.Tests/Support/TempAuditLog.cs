using System.Text.Json;
using SecureStack.Audit;

namespace SecureStack.Sanitizer.Tests.Support;

/// <summary>A real hash-chained audit log in a temporary directory, read back as JSON lines.</summary>
internal sealed class TempAuditLog : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sanitizer-audit-").FullName;

    public TempAuditLog()
    {
        Log = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(_dir, "audit.jsonl"), Fsync = FsyncPolicy.EveryEvent });
    }

    public AuditLog Log { get; }

    /// <summary>The events of one type, as parsed JSON objects.</summary>
    public List<JsonElement> Events(string eventType) =>
        File.ReadAllLines(Log.Path)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("event_type", out var t) && t.GetString() == eventType)
            .ToList();

    public string RawText() => File.ReadAllText(Log.Path);

    public void Dispose()
    {
        Log.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
