using SecureStack.Cli.Doctor.Compose;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// The shipped docker-compose.yml, read as YAML, holds every FR-1/FR-2 hardening item for every service:
/// removing any one of them fails a test here (independently of the doctor's own checks).
/// </summary>
public sealed class ComposeHardeningTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepoPaths.Compose);

    public static TheoryData<string> Services => new(["setup", "proxy", "openclaw", "egress", "watcher"]);

    private static YamlMap Service(string name) =>
        Compose.Service(name)?.Settings ?? throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service {name}");

    [Fact]
    public void Compose_HasExactlyTheStackServices()
    {
        Assert.Equal(["egress", "openclaw", "proxy", "setup", "watcher"], Compose.Services.Select(s => s.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_HasReadOnlyRootFilesystem(string name) => Assert.Equal("true", Service(name).String("read_only"));

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_DropsAllCapabilities(string name) => Assert.Contains("ALL", Service(name).List("cap_drop"));

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_SetsNoNewPrivileges(string name) =>
        Assert.Contains("no-new-privileges:true", Service(name).List("security_opt"));

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_RunsAsFixedNonRootUser_ExceptEgress(string name)
    {
        var user = Service(name).String("user");
        Assert.NotNull(user);
        var uid = int.Parse(user.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        if (name == "egress")
        {
            // Documented exception: nft needs NET_ADMIN effective, which no-new-privileges denies a non-root user.
            Assert.Equal(0, uid);
        }
        else
        {
            Assert.True(uid >= 1000, $"{name} runs as uid {uid}");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_HasMemoryCpuAndPidsLimits(string name)
    {
        var service = Service(name);
        Assert.False(string.IsNullOrEmpty(service.String("mem_limit")), "mem_limit");
        Assert.False(string.IsNullOrEmpty(service.String("cpus")), "cpus");
        Assert.True(int.Parse(service.String("pids_limit") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0, "pids_limit");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_HasHealthCheckOrIsOneShot(string name)
    {
        var service = Service(name);
        if (service.String("restart") == "no")
        {
            Assert.Equal("setup", name);
            return;
        }
        var test = service.Map("healthcheck")?.List("test") ?? [];
        Assert.True(test.Count > 1 && test[0] == "CMD", $"{name}: exec-form health check expected, got [{string.Join(", ", test)}]");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_UsesAnExactImageVersion(string name)
    {
        var image = Service(name).String("image");
        Assert.NotNull(image);
        Assert.Matches(@":\d+\.\d+\.\d+$", image);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryService_IsNotPrivilegedAndHasNoDockerSocket(string name)
    {
        var service = Service(name);
        Assert.Null(service.String("privileged"));
        Assert.DoesNotContain(Service(name).List("volumes"), v => v.Contains("docker.sock", StringComparison.Ordinal));
        Assert.NotEqual("host", service.String("network_mode"));
    }

    [Fact]
    public void OpenClaw_IsThePinnedUpstreamImage() =>
        Assert.Equal("ghcr.io/openclaw/openclaw:2026.9.6", Service("openclaw").String("image"));

    [Fact]
    public void OnlyTheProxy_PublishesAPort_AndOnlyItsTlsPort()
    {
        foreach (var service in Compose.Services.Where(s => s.Name != "proxy"))
        {
            Assert.False(service.Settings.Has("ports"), $"{service.Name} publishes ports");
        }
        var ports = Service("proxy").List("ports");
        Assert.Single(ports);
        Assert.EndsWith(":8443", ports[0], StringComparison.Ordinal);
    }

    [Fact]
    public void OpenClaw_IsOnlyOnTheInternalNetwork()
    {
        Assert.Equal(["internal"], Compose.Service("openclaw")!.Networks);
        Assert.Equal("true", Compose.Networks.Map("internal")?.String("internal"));
    }

    [Fact]
    public void Egress_BridgesInternalAndOutside_WithOnlyNetAdmin()
    {
        var egress = Compose.Service("egress")!;
        Assert.Equal(["NET_ADMIN"], egress.CapAdd);
        Assert.Contains("internal", egress.Networks);
        Assert.Contains(egress.Networks, n => !Compose.IsInternalNetwork(n));
        // Port 53 without CAP_NET_BIND_SERVICE.
        Assert.Equal("53", egress.Settings.Map("sysctls")?.String("net.ipv4.ip_unprivileged_port_start"));
    }

    [Theory]
    [InlineData("watcher")]
    [InlineData("setup")]
    public void Services_WithoutNetworkNeeds_HaveNoNetwork(string name) => Assert.Equal("none", Service(name).String("network_mode"));

    [Fact]
    public void OpenClaw_LeavesOnlyThroughEgress_ForHttpAndDns()
    {
        var openClaw = Compose.Service("openclaw")!;
        var egressAddress = Compose.Service("egress")!.NetworkSettings("internal")?.String("ipv4_address");
        Assert.Equal("http://egress:3128", openClaw.Environment["HTTPS_PROXY"]);
        Assert.Equal("http://egress:3128", openClaw.Environment["HTTP_PROXY"]);
        Assert.Equal([egressAddress!], openClaw.Settings.List("dns"));
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("quarantine")]
    [InlineData("db")]
    public void ProtectedVolumes_AreNamed_AndNeverMountedIntoOpenClaw(string volume)
    {
        Assert.Contains(volume, Compose.VolumeNames);
        Assert.DoesNotContain(Compose.Service("openclaw")!.Volumes, v => v.Source == volume);
        Assert.Contains(Compose.Services, s => s.Volumes.Any(v => v.Source == volume));
    }

    [Fact]
    public void AuditVolume_IsMountedOnlyByItsWriters_AndSetup() =>
        Assert.Equal(["egress", "proxy", "setup", "watcher"],
            Compose.Services.Where(s => s.Volumes.Any(v => v.Source == "audit")).Select(s => s.Name).Order());

    [Theory]
    [InlineData("proxy")]
    [InlineData("watcher")]
    [InlineData("egress")]
    public void EachAuditWriter_WritesItsOwnDirectory(string name) =>
        Assert.Equal($"/var/log/securestack/{name}/audit.jsonl", Compose.Service(name)!.Environment["AUDIT_LOG_PATH"]);

    [Fact]
    public void Setup_InitialisesEveryNamedVolume_BeforeTheServicesThatUseThem()
    {
        var setup = Compose.Service("setup")!;
        Assert.Equal(Compose.VolumeNames.Order(), setup.Volumes.Select(v => v.Source).Order());
        foreach (var name in new[] { "openclaw", "egress", "watcher" })
        {
            Assert.Equal("service_completed_successfully", Service(name).Map("depends_on")?.Map("setup")?.String("condition"));
        }
    }

    [Fact]
    public void OpenClaw_MountsSecurestackAndItsConfig_ReadOnly()
    {
        var volumes = Compose.Service("openclaw")!.Volumes;
        Assert.True(volumes.Single(v => v.Source == "securestack-bin").ReadOnly);
        Assert.True(volumes.Single(v => v.Target == "/etc/openclaw/openclaw.json").ReadOnly);
        Assert.Equal("/etc/openclaw/openclaw.json", Compose.Service("openclaw")!.Environment["OPENCLAW_CONFIG_PATH"]);
    }

    [Fact]
    public void OpenClaw_GetsNoneOfTheProxySecrets()
    {
        var environment = Compose.Service("openclaw")!.Environment;
        foreach (var secret in new[] { "API_TOKEN", "API_TOKENS", "AUDIT_HMAC_KEY", "OPENCLAW_GATEWAY_TOKEN" })
        {
            Assert.False(environment.ContainsKey(secret), secret);
        }
        Assert.DoesNotContain(Compose.Services, s => s.Settings.Has("env_file"));
    }

    [Fact]
    public void OpenClawConfig_TrustsExactlyTheProxyAddress()
    {
        var config = SecureStack.Cli.Doctor.OpenClaw.OpenClawConfig.Load(RepoPaths.DockerOpenClawConfig);
        var proxyAddress = Compose.Service("proxy")!.NetworkSettings("internal")?.String("ipv4_address");
        Assert.Equal([proxyAddress!], config.Strings("gateway.trustedProxies"));
        Assert.Equal("trusted-proxy", config.String("gateway.auth.mode"));
    }
}
