using SecureStack.Audit;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>A real audit log on a temporary file for the components that audit what they detect.</summary>
internal sealed class FuzzAuditLog : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fuzz-audit-");

    public FuzzAuditLog()
    {
        Log = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(_dir.FullName, "audit.jsonl") });
    }

    public AuditLog Log { get; }

    public void Dispose()
    {
        Log.Dispose();
        _dir.Delete(recursive: true);
    }
}
