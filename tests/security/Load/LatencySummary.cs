using System.Globalization;

namespace SecureStack.Security.Tests.Load;

/// <summary>Count and percentiles (nearest rank) of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double P50, double P99, double P999, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.99), Rank(0.999), sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count}, p50={P50:F2} ms, p99={P99:F2} ms, p99.9={P999:F2} ms, max={Max:F2} ms");
}
