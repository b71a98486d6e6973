using System.Globalization;
using System.Text.Json.Nodes;
using SecureStack.Cli.Doctor.Compose;
using SecureStack.Cli.Tests.Metrics;
using YamlDotNet.RepresentationModel;
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
        // The watcher keeps no network at all in the stack; its scrape job comes with the override (next test).
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

    /// <summary>
    /// The watcher keeps <c>network_mode: none</c> in the stack; the monitoring override gives it one address on an
    /// internal network that only Prometheus shares, serves its metrics there, and mounts the scrape job Prometheus
    /// picks up through <c>scrape_config_files</c>.
    /// </summary>
    [Fact]
    public void WatcherOverride_PutsTheWatcherOnAnInternalNetworkOnlyPrometheusShares_AndPrometheusScrapesIt()
    {
        var overlay = ReadYamlNodes(Path.Combine(Monitoring, "watcher-metrics.yml"));
        var services = (YamlMappingNode)overlay["services"];
        Assert.Equal(["prometheus", "watcher"], services.Children.Keys.Select(k => k.ToString()).Order());
        var watcher = (YamlMappingNode)services["watcher"];
        Assert.Equal("!reset", ((YamlScalarNode)watcher["network_mode"]).Tag.Value);
        Assert.Equal("none", Compose.Service("watcher")!.Settings.String("network_mode"));

        var network = Assert.Single(((YamlMappingNode)watcher["networks"]).Children.Keys).ToString();
        var definition = (YamlMappingNode)((YamlMappingNode)overlay["networks"])[network];
        Assert.Equal("true", definition["internal"].ToString());
        Assert.DoesNotContain(Compose.Services.Concat(Compose.ProfiledServices), s => s.Networks.Contains(network));
        var prometheus = (YamlMappingNode)services["prometheus"];
        Assert.Equal([network], ((YamlMappingNode)prometheus["networks"]).Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["monitoring"], Service("prometheus").Profiles);

        var listen = new Uri(((YamlMappingNode)watcher["environment"])["WATCH_METRICS_LISTEN"].ToString());
        Assert.Equal(((YamlMappingNode)((YamlMappingNode)watcher["networks"])[network])["ipv4_address"].ToString(), listen.Host);

        var mount = Assert.Single(((YamlSequenceNode)prometheus["volumes"]).Children).ToString().Split(':');
        var globs = ReadYaml(Path.Combine(Monitoring, "prometheus.yml"))["scrape_config_files"]!.AsArray().Select(g => (string)g!).ToList();
        Assert.Contains(globs, g => Path.GetDirectoryName(g) == Path.GetDirectoryName(mount[1]) && Path.GetExtension(g) == Path.GetExtension(mount[1]));
        Assert.Equal("ro", mount[2]);
        var job = ReadYaml(Path.Combine(RepoPaths.Root, mount[0].TrimStart('.', '/')))["scrape_configs"]!.AsArray().Single()!;
        Assert.Equal("watcher", (string?)job["job_name"]);
        Assert.Equal($"{listen.Host}:{listen.Port}", (string?)job["static_configs"]![0]!["targets"]![0]);
    }

    /// <summary>YAML with its tags kept (Compose's <c>!reset</c>).</summary>
    private static YamlMappingNode ReadYamlNodes(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>YAML as JSON nodes (through YamlDotNet's JSON-compatible serializer).</summary>
    private static JsonNode ReadYaml(string path)
    {
        var document = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path));
        return JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(document))!;
    }
}
