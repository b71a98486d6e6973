using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Faults;

/// <summary>
/// The real OpenClaw gateway is killed (SIGKILL, as a crash or the OOM killer would) while clients use it through
/// the proxy, then started again on the same port. While it is down clients get 502 with the generic body and
/// /readyz says not ready; afterwards the same proxy process serves again. Every 502 is audited as proxy_error.
/// </summary>
[Collection("Faults")]
public sealed class GatewayRestartTests
{
    private const string UpstreamUnavailable = "{\"error\":\"upstream unavailable\"}";

    [Fact]
    public async Task GatewayKilledAndRestarted_Proxy502sThenRecovers_WithoutRestart()
    {
        var stack = new FaultStack();
        await using var gateway = await OpenClawGateway.StartAsync(new OpenClawGatewayOptions { ProviderBaseUrl = "http://127.0.0.1:9/v1" });
        await using var proxy = await ProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["UPSTREAM_URL"] = gateway.Url.ToString(),
            ["AUDIT_LOG_PATH"] = stack.AuditPath,
            ["API_TOKEN"] = stack.Token,
            ["PROXY_IDENTITY_MODE"] = "token",
            ["OPENCLAW_GATEWAY_TOKEN"] = gateway.Token,
            ["PROXY_RATE_LIMIT"] = "1000",
        });
        using var client = stack.Client(proxy.Url);
        using var probe = stack.Client(proxy.Url, authenticated: false);
        var answers = new ConcurrentQueue<(HttpStatusCode Status, string Body)>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(() => TrafficAsync(client, answers, stop.Token));

        await WaitForAsync(() => answers.Count(a => a.Status == HttpStatusCode.OK) >= 10, "no traffic got through before the kill");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/readyz")).StatusCode);

        await gateway.KillAsync();
        await WaitForAsync(() => answers.Any(a => a.Status == HttpStatusCode.BadGateway), "no 502 while the gateway was down");
        await WaitForAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable, "/readyz stayed ready");
        using (var ready = await probe.GetAsync("/readyz"))
        {
            Assert.Equal("{\"status\":\"upstream unavailable\"}", await ready.Content.ReadAsStringAsync());
        }

        await gateway.RestartAsync();
        var okBeforeRecovery = answers.Count(a => a.Status == HttpStatusCode.OK);
        await WaitForAsync(() => answers.Count(a => a.Status == HttpStatusCode.OK) >= okBeforeRecovery + 10, "the proxy did not recover");
        await WaitForAsync(async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "/readyz did not recover");
        await stop.CancelAsync();
        await traffic;

        Assert.False(proxy.HasExited, "the proxy exited");
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.BadGateway }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.BadGateway), a => Assert.Equal(UpstreamUnavailable, a.Body));
        var badGateways = answers.Count(a => a.Status == HttpStatusCode.BadGateway);

        Assert.True(await proxy.StopAsync(TimeSpan.FromSeconds(35)), "the proxy did not stop");
        Assert.Equal(0, proxy.ExitCode);
        var records = stack.VerifiedRecords();
        var errors = records.Where(r => r.EventType == "proxy_error").ToList();
        Assert.Equal(badGateways, errors.Count);
        Assert.All(errors, e => Assert.Equal("/health", e.DetailString("path")));
        Assert.Equal("service_stop", records[^1].EventType);
    }

    /// <summary>Authenticated GETs of the gateway's /health through the proxy, back to back, until stopped.</summary>
    private static async Task TrafficAsync(HttpClient client, ConcurrentQueue<(HttpStatusCode, string)> answers, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var response = await client.GetAsync("/health", CancellationToken.None);
            answers.Enqueue((response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None)));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static Task WaitForAsync(Func<bool> condition, string failure) => WaitForAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (!await condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, failure);
            await Task.Delay(100);
        }
    }
}
