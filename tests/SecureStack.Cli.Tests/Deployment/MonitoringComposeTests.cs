using System.Globalization;
using System.Text.Json.Nodes;
using SecureStack.Cli.Doctor.Compose;
using SecureStack.Cli.Tests.Metrics;
using YamlDotNet.Serialization;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// The <c>monitoring</c> compose profile: Prometheus and Grafana are off by default, hardened like the stack, and
/// Prometheus scrapes exactly the metrics listeners the services are given, on a network with no route out.
/// </summary>
public sealed class MonitoringComposeTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepoPaths.Compose);
    private static readonly string Monitoring = Path.Combine(RepoPaths.Root, "docker", "monitoring");

    public static TheoryData<string> Services => new(["prometheus", "grafana"]);

    private static ComposeService Service(string name) =>
        Compose.ProfiledServices.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"no profiled service {name}");

    [Fact]
    public void MonitoringServices_StartOnlyWithTheMonitoringProfile()
    {
        Assert.Equal(["grafana", "prometheus"], Compose.ProfiledServices.Select(s => s.Name).Order());
        Assert.All(Compose.ProfiledServices, s => Assert.Equal(["monitoring"], s.Profiles));
        Assert.All(Compose.Services, s => Assert.Empty(s.Profiles));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void MonitoringService_IsHardenedLikeTheStack(string name)
    {
        var service = Service(name).Settings;
        Assert.Equal("true", service.String("read_only"));
        Assert.Contains("ALL", service.List("cap_drop"));
        Assert.Contains("no-new-privileges:true", service.List("security_opt"));
        Assert.True(int.Parse(service.String("user")!.Split(':')[0], CultureInfo.InvariantCulture) >= 1000, "non-root user");
        Assert.False(string.IsNullOrEmpty(service.String("mem_limit")));
        Assert.False(string.IsNullOrEmpty(service.String("cpus")));
        Assert.Equal("CMD", service.Map("healthcheck")?.List("test").FirstOrDefault());
        Assert.Matches(@":v?\d+\.\d+\.\d+$", service.String("image"));
        Assert.Empty(service.List("cap_add"));
    }

    [Fact]
    public void OnlyGrafana_PublishesAPort_OnTheHostLoopback()
    {
        Assert.False(Service("prometheus").Settings.Has("ports"));
        var port = Assert.Single(Service("grafana").Settings.List("ports"));
        Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal);
        Assert.All(Service("prometheus").Networks, n => Assert.True(Compose.IsInternalNetwork(n), n));
    }

    [Fact]
    public void Prometheus_ScrapesExactlyTheMetricsListeners_OnTheInternalMonitoringNetwork()
    {
        Assert.True(Compose.IsInternalNetwork("monitoring"));
        var listeners = new[] { ("proxy", "PROXY_METRICS_LISTEN"), ("egress", "EGRESS_METRICS_LISTEN") }.Select(pair =>
        {
            var service = Compose.Service(pair.Item1)!;
            var address = new Uri(service.Environment[pair.Item2]);
            // Bound to the service's monitoring address only: OpenClaw's internal network cannot reach it.
            Assert.Equal(service.NetworkSettings("monitoring")?.String("ipv4_address"), address.Host);
            return $"{address.Host}:{address.Port}";
        }).Order().ToList();

        var targets = ReadYaml(Path.Combine(Monitoring, "prometheus.yml"))["scrape_configs"]!.AsArray()
            .SelectMany(job => job!["static_configs"]!.AsArray().SelectMany(c => c!["targets"]!.AsArray().Select(t => (string)t!)))
            .Order().ToList();
        Assert.Equal(listeners, targets);
        // The watcher keeps no network at all in Docker, so it is not scraped there (docker/monitoring/README.md).
        Assert.Equal("none", Compose.Service("watcher")!.Settings.String("network_mode"));
    }

    [Fact]
    public void Grafana_IsProvisionedWithTheDashboard_AndThePrometheusAddress()
    {
        var grafana = Service("grafana");
        var dashboards = ReadYaml(Path.Combine(Monitoring, "grafana", "provisioning", "dashboards", "securestack.yml"));
        var path = (string)dashboards["providers"]![0]!["options"]!["path"]!;
        var mount = Assert.Single(grafana.Volumes, v => v.Target == path);
        Assert.True(mount.ReadOnly);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, mount.Source.TrimStart('.', '/'), "securestack.json")));

        var source = ReadYaml(Path.Combine(Monitoring, "grafana", "provisioning", "datasources", "prometheus.yml"))["datasources"]![0]!;
        var prometheus = Service("prometheus").NetworkSettings("monitoring")?.String("ipv4_address");
        Assert.Equal($"http://{prometheus}:9090", (string?)source["url"]);
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Monitoring, "grafana", "dashboards", "securestack.json")))!;
        Assert.All(DashboardQueries.Panels(dashboard), p => Assert.Equal((string?)source["uid"], (string?)p["datasource"]?["uid"]));
    }

    /// <summary>YAML as JSON nodes (through YamlDotNet's JSON-compatible serializer).</summary>
    private static JsonNode ReadYaml(string path)
    {
        var document = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path));
        return JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(document))!;
    }
}
