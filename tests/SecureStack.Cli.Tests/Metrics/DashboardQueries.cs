using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecureStack.Cli.Tests.Metrics;

/// <summary>The PromQL of a Grafana dashboard, and the metric names it reads.</summary>
internal static partial class DashboardQueries
{
    private static readonly HashSet<string> Keywords = new(["and", "or", "unless", "bool", "offset", "group_left", "group_right", "inf", "nan"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every panel with queries, rows' nested panels included.</summary>
    public static IEnumerable<JsonNode> Panels(JsonNode dashboard) =>
        (dashboard["panels"]?.AsArray() ?? []).SelectMany(p => new[] { p! }.Concat(p!["panels"]?.AsArray().Select(n => n!) ?? []))
            .Where(p => p["targets"] is not null);

    public static IEnumerable<string> Expressions(JsonNode dashboard) =>
        Panels(dashboard).SelectMany(p => p["targets"]!.AsArray().Select(t => (string)t!["expr"]!));

    /// <summary>
    /// The metric names of one expression: identifiers left after label matchers, ranges, strings and grouping clauses
    /// are removed, other than functions and aggregations (an identifier followed by a parenthesis).
    /// </summary>
    public static IEnumerable<string> MetricNames(string expression)
    {
        var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(Strings().Replace(expression, ""), ""), ""), "");
        return Identifier().Matches(bare).Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value)).Select(m => m.Groups["name"].Value);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
