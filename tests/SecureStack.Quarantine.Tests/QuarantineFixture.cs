using SecureStack.Audit;
using SecureStack.Audit.Chain;
using SecureStack.Quarantine.TestHost;

namespace SecureStack.Quarantine.Tests;

/// <summary>A temporary layout: two skill roots, a quarantine directory, a database and a real audit log.</summary>
internal sealed class QuarantineFixture : IDisposable
{
    private readonly List<AuditLog> _logs = [];

    public QuarantineFixture(string? rootBase = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("securestack-quarantine-").FullName;
        var roots = rootBase is null ? Directory : Path.Combine(rootBase, "securestack-quarantine-roots-" + Guid.NewGuid().ToString("N"));
        ExternalRootBase = rootBase is null ? null : roots;
        WorkspaceRoot = Path.Combine(roots, "workspace", "skills");
        ManagedRoot = Path.Combine(roots, "openclaw", "skills");
        System.IO.Directory.CreateDirectory(WorkspaceRoot);
        System.IO.Directory.CreateDirectory(ManagedRoot);
        Options = new QuarantineOptions
        {
            DatabasePath = Path.Combine(Directory, "state", "quarantine.db"),
            QuarantineDirectory = Path.Combine(Directory, "quarantine"),
            SkillRoots = [WorkspaceRoot, ManagedRoot],
        };
    }

    public string Directory { get; }

    public string WorkspaceRoot { get; }

    public string ManagedRoot { get; }

    public QuarantineOptions Options { get; }

    public string AuditPath => Path.Combine(Directory, "audit.jsonl");

    public MarkerScanner Scanner { get; } = new();

    private string? ExternalRootBase { get; }

    public QuarantineManager Open(TimeProvider? time = null) => QuarantineManager.Open(Options, Scanner, OpenAudit(), time);

    public AuditLog OpenAudit()
    {
        var log = AuditLog.Open(new AuditLogOptions { Path = AuditPath });
        _logs.Add(log);
        return log;
    }

    public static string MakeSkill(string root, string folder, string body, params (string Path, string Text)[] files)
    {
        var dir = Path.Combine(root, folder);
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "SKILL.md"), $"---\nname: {folder}\ndescription: test skill {folder}\n---\n{body}\n");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(dir, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return dir;
    }

    public IReadOnlyList<AuditRecord> AuditRecords()
    {
        foreach (var log in _logs)
        {
            log.Dispose();
        }

        _logs.Clear();
        return File.Exists(AuditPath) ? [.. AuditLogReader.ReadAll(AuditPath)] : [];
    }

    public void Dispose()
    {
        foreach (var log in _logs)
        {
            log.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
        if (ExternalRootBase is not null)
        {
            System.IO.Directory.Delete(ExternalRootBase, recursive: true);
        }
    }
}
