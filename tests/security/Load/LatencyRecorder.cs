using System.Diagnostics;

namespace SecureStack.Security.Tests.Load;

/// <summary>One worker's latencies and errors; workers never share one, so recording takes no lock.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = new(capacity: 4096);
    private readonly List<string> _errors = [];

    public IReadOnlyList<double> Milliseconds => _milliseconds;

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Records the time from <paramref name="startTimestamp"/> (the request's scheduled slot) until now.</summary>
    public void Success(long startTimestamp) => _milliseconds.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void Error(string what) => _errors.Add(what);
}
