using BenchmarkDotNet.Attributes;
using SecureStack.Audit;

namespace SecureStack.Benchmarks.Audit;

/// <summary>
/// Events per second appended to the chained log, for each fsync policy, against a baseline that
/// appends the same size of line to a plain file (open, write, close: no chain, no lock, no fsync).
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private const int EventsPerInvocation = 200;
    private static readonly AuditEvent Event = new(AuditEventType.AuthFailure, "bearer_check", AuditResult.Failure, RiskLevel.Medium)
    {
        SourceIp = "192.0.2.7",
        Details = new Dictionary<string, object?> { ["path"] = "/v1/chat/completions", ["reason"] = "wrong token" },
    };

    private string _dir = "";
    private AuditLog? _log;
    private byte[] _plainLine = [];

    [Params(FsyncPolicy.Interval, FsyncPolicy.EveryEvent)]
    public FsyncPolicy Fsync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("securestack-bench-audit-").FullName;
        _log = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(_dir, "audit.jsonl"), Fsync = Fsync });
        _log.Append(Event);
        _plainLine = File.ReadAllBytes(Path.Combine(_dir, "audit.jsonl"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvocation)]
    public void PlainAppend()
    {
        var path = Path.Combine(_dir, "plain.jsonl");
        for (var i = 0; i < EventsPerInvocation; i++)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1);
            file.Write(_plainLine);
            if (Fsync == FsyncPolicy.EveryEvent)
            {
                file.Flush(flushToDisk: true);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public void ChainedAppend()
    {
        for (var i = 0; i < EventsPerInvocation; i++)
        {
            _log!.Append(Event);
        }
    }
}
