using System.Text.Json.Nodes;

namespace SecureStack.Cli.Tests.Metrics;

/// <summary>The provisioned Grafana dashboard charts only metrics the services really export (names from a real scrape).</summary>
[Collection(ScrapedServicesCollection.Name)]
public sealed class DashboardTests(ScrapedServices services)
{
    private static readonly JsonNode Dashboard = JsonNode.Parse(File.ReadAllText(
        Path.Combine(RepoPaths.Root, "docker", "monitoring", "grafana", "dashboards", "securestack.json")))!;

    [Fact]
    public void EveryChartedMetric_IsAmongTheScrapedNames()
    {
        var charted = DashboardQueries.Expressions(Dashboard).SelectMany(DashboardQueries.MetricNames).ToHashSet(StringComparer.Ordinal);

        Assert.True(charted.Count >= 10, $"the dashboard reads only {charted.Count} metrics: {string.Join(", ", charted)}");
        Assert.Empty(charted.Except(services.Names).Order());
    }

    [Theory]
    [InlineData("sum by (http_response_status_code) (rate(http_server_request_duration_seconds_count{job=\"proxy\"}[$__rate_interval]))", "http_server_request_duration_seconds_count")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))", "x_bucket")]
    [InlineData("a_total / on (job) group_left b", "a_total b")]
    public void MetricNames_SkipsFunctionsLabelsAndRanges(string expression, string expected) =>
        Assert.Equal(expected.Split(' '), DashboardQueries.MetricNames(expression));
}
