using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureStack.Cli.Tests.Metrics;

/// <summary>Reads samples out of the Prometheus text exposition format (enough for assertions, not a full parser).</summary>
internal static partial class PrometheusText
{
    /// <summary>The metric name of every sample line.</summary>
    public static IEnumerable<string> SampleNames(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value);

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static double Sum(string text, string name, params (string Label, string Value)[] labels) =>
        text.Split('\n').Select(l => SampleLine().Match(l))
            .Where(m => m.Success && m.Groups["name"].Value == name && labels.All(p => m.Groups["labels"].Value.Contains($"{p.Label}=\"{p.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();
}
