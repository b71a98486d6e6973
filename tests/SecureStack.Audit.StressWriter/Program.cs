using SecureStack.Audit;

// Usage: StressWriter LOG WRITER_TAG THREADS EVENTS_PER_THREAD (EVENTS_PER_THREAD 0 = until killed)
// Prints "ready" once the log is open, then appends from THREADS threads.
var path = args[0];
var tag = args[1];
var threads = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var perThread = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);

using var log = AuditLog.Open(new AuditLogOptions { Path = path, MaxFileBytes = 64 * 1024 });
Console.WriteLine("ready");
Console.Out.Flush();

var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
{
    for (var i = 0; perThread == 0 || i < perThread; i++)
    {
        log.Append(new AuditEvent(AuditEventType.AuthSuccess, "stress", AuditResult.Success, RiskLevel.Info)
        {
            Details = new Dictionary<string, object?> { ["writer"] = tag, ["thread"] = t, ["n"] = i },
        });
    }
})).ToList();
workers.ForEach(w => w.Start());
workers.ForEach(w => w.Join());
return 0;
