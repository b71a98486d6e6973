using SecureStack.Audit;
using SecureStack.Audit.Chain;
using SecureStack.Security.Tests.Stack;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Load;

/// <summary>
/// A steady mix of keep-alive HTTP requests and WebSocket messages through <c>securestack proxy</c> (its own
/// process) to a Kestrel upstream on loopback, for SECURESTACK_LOAD_SECONDS (60 in CI). The real Node gateway
/// is not the upstream here: it would be the bottleneck and the run would measure it instead of the proxy.
/// </summary>
[Collection("Load")]
public sealed class MixedLoadTests(ITestOutputHelper output)
{
    /// <summary>Allowed RSS growth of the last third over the first third, after warm-up.</summary>
    private const double RssGrowthMargin = 0.20;

    [Fact]
    public async Task MixedLoad_HoldsRate_WithoutErrors_AndWithoutMemoryGrowth()
    {
        var settings = LoadSettings.FromEnvironment();
        var token = "load-" + Guid.NewGuid().ToString("N");
        var directory = Directory.CreateTempSubdirectory("securestack-load-").FullName;
        var auditPath = Path.Combine(directory, "audit.log");
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var proxy = await ProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["UPSTREAM_URL"] = upstream.Url.ToString(),
            ["AUDIT_LOG_PATH"] = auditPath,
            ["API_TOKEN"] = token,
            // One client address carries the whole load: the per-address limit would otherwise shape it.
            ["PROXY_RATE_LIMIT"] = "100000",
            ["PROXY_RATE_BURST"] = "100000",
        });

        var generator = new LoadGenerator(proxy.Url, token);
        var rssBefore = ProcessMemory.ResidentBytes(proxy.Pid);
        var warmUp = await generator.RunAsync(settings, settings.WarmUp, proxy.Pid);
        Assert.Empty(warmUp.Errors);
        var rssAfterWarmUp = ProcessMemory.ResidentBytes(proxy.Pid);
        var cpuBefore = ProcessMemory.CpuTime(proxy.Pid);
        var report = await generator.RunAsync(settings, settings.Duration, proxy.Pid);
        var cpu = ProcessMemory.CpuTime(proxy.Pid) - cpuBefore;
        var rssAfter = ProcessMemory.ResidentBytes(proxy.Pid);
        var description = report.Describe(rssBefore, rssAfterWarmUp, rssAfter)
            + string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"proxy CPU: {cpu.TotalSeconds:F1} s in {report.Elapsed.TotalSeconds:F0} s ({cpu / report.Elapsed:P0} of one core), "
                + $"{cpu.TotalMicroseconds / report.All.Count:F0} µs per request or message");
        output.WriteLine($"target {settings.TargetRate} req+msg/s ({settings.HttpConnections} keep-alive connections x "
            + $"{settings.RequestsPerConnectionPerSecond}/s, {settings.WebSockets} WebSockets x {settings.MessagesPerSocketPerSecond}/s), "
            + $"{settings.Duration.TotalSeconds} s after {settings.WarmUp.TotalSeconds} s warm-up");
        output.WriteLine(description);

        Assert.True(report.Errors.Count == 0, description);
        // The schedule is steady, so a proxy that keeps up delivers (nearly) the whole target rate.
        Assert.True(report.Throughput >= settings.TargetRate * 0.95, description);
        var (first, last) = report.RssThirds;
        Assert.True(last <= first * (1 + RssGrowthMargin), $"proxy RSS grew by more than {RssGrowthMargin:P0}:\n{description}");

        Assert.True(await proxy.StopAsync(TimeSpan.FromSeconds(30)), "the proxy did not stop on SIGTERM");
        Assert.Equal(0, proxy.ExitCode);
        var verification = new AuditChainVerifier(null).Verify(auditPath);
        Assert.True(verification.Intact, verification.Reason);
        var records = AuditLogReader.ReadAll(auditPath).ToList();
        // Every WebSocket of both runs was opened and closed on the record, every connection's authentication too.
        var sockets = 2 * settings.WebSockets;
        Assert.Equal(sockets, records.Count(r => r.EventType == "web_socket_open"));
        Assert.Equal(sockets, records.Count(r => r.EventType == "web_socket_close"));
        Assert.Equal(sockets + (2 * settings.HttpConnections), records.Count(r => r.EventType == "auth_success"));
        Assert.Equal(1, records.Count(r => r.EventType == "service_stop"));
    }
}
