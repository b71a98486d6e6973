using System.Globalization;
using System.Text;

namespace SecureStack.Security.Tests.Load;

/// <summary>What one measured run produced: latencies per kind, errors, and the proxy's RSS sampled once a second.</summary>
internal sealed record LoadReport(
    TimeSpan Elapsed,
    LatencySummary Http,
    LatencySummary WebSocket,
    LatencySummary All,
    IReadOnlyList<string> Errors,
    IReadOnlyList<long> RssSamples)
{
    public double Throughput => All.Count / Elapsed.TotalSeconds;

    /// <summary>Mean RSS of the first and the last third of the samples.</summary>
    public (double First, double Last) RssThirds
    {
        get
        {
            var third = Math.Max(1, RssSamples.Count / 3);
            return (RssSamples.Take(third).Average(), RssSamples.TakeLast(third).Average());
        }
    }

    public string Describe(long rssBefore, long rssAfterWarmUp, long rssAfter)
    {
        static string Mib(double bytes) => (bytes / (1024 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
        var (first, last) = RssThirds;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"elapsed {Elapsed.TotalSeconds:F1} s, throughput {Throughput:F1} req+msg/s, errors {Errors.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"http:      {Http}");
        text.AppendLine(CultureInfo.InvariantCulture, $"websocket: {WebSocket}");
        text.AppendLine(CultureInfo.InvariantCulture, $"all:       {All}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"proxy RSS: idle {Mib(rssBefore)}, after warm-up {Mib(rssAfterWarmUp)}, after run {Mib(rssAfter)}, "
            + $"max {Mib(RssSamples.Max())}, first third mean {Mib(first)}, last third mean {Mib(last)} ({RssSamples.Count} samples)");
        foreach (var error in Errors.Take(5))
        {
            text.AppendLine("error: " + error);
        }

        return text.ToString();
    }
}
