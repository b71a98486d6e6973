using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using SecureStack.Security.Tests.Scenarios;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Faults;

/// <summary>
/// The real OpenClaw gateway is killed (SIGKILL, as a crash or the OOM killer would) while several clients use it
/// through the proxy and a WebSocket is open, then started again on the same port. While it is down clients get
/// 502 (504 had it accepted a request and gone quiet) with the generic body, never a hang, and /readyz says not
/// ready; the open WebSocket gets a proper close instead of a dropped connection; afterwards the same proxy
/// process serves again. Every 502 and 504 is audited as proxy_error.
/// </summary>
[Collection("Faults")]
public sealed class GatewayRestartTests
{
    private const int Clients = 3;

    /// <summary>What the gateway answers on /health whenever it answers at all: it has no "starting" state there.</summary>
    private const string GatewayLive = "{\"ok\":true,\"status\":\"live\"}";

    private const string UpstreamUnavailable = "{\"error\":\"upstream unavailable\"}";

    /// <summary>A gateway that accepted a request and went quiet is a 504 after this, well before a client gives up.</summary>
    private static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longer than the proxy's connect (10 s) and activity time-outs together: no answer by then is the proxy's fault.</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GatewayKilledAndRestarted_UnderLoad_ProxyAnswersGenericallyClosesSocketsThenRecovers_WithoutRestart()
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
            ["PROXY_UPSTREAM_TIMEOUT_SECONDS"] = ((int)UpstreamTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var clients = Enumerable.Range(0, Clients).Select(_ => stack.Client(proxy.Url)).ToArray();
        foreach (var client in clients)
        {
            client.Timeout = ClientTimeout;
        }

        using var probe = stack.Client(proxy.Url, authenticated: false);
        var answers = new ConcurrentQueue<(HttpStatusCode Status, string Body)>();
        var unanswered = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        using var socket = await GatewayWsClient.ConnectWithTokenAsync(proxy.Url, stack.Token);
        var traffic = clients.Select(c => Task.Run(() => TrafficAsync(c, answers, unanswered, stop.Token))).ToArray();

        await WaitForAsync(() => answers.Count(a => a.Status == HttpStatusCode.OK) >= 10, "no traffic got through before the kill");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/readyz")).StatusCode);

        await gateway.KillAsync();
        var (closeStatus, closeDescription) = await socket.ClosedAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, closeStatus);
        Assert.Equal("upstream unavailable", closeDescription);
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
        await Task.WhenAll(traffic);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Assert.False(proxy.HasExited, "the proxy exited");
        Assert.True(unanswered.IsEmpty, $"{unanswered.Count} of {unanswered.Count + answers.Count} requests got no answer: {string.Join(" | ", unanswered.Take(5))}");
        Assert.All(answers, a => Assert.True(
            (a.Status == HttpStatusCode.OK && a.Body == GatewayLive)
            || (a.Status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout && a.Body == UpstreamUnavailable),
            $"{(int)a.Status} {a.Body}"));
        var upstreamErrors = answers.Count(a => a.Status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);

        Assert.True(await proxy.StopAsync(TimeSpan.FromSeconds(35)), "the proxy did not stop");
        Assert.Equal(0, proxy.ExitCode);
        var records = stack.VerifiedRecords();
        var errors = records.Where(r => r.EventType == "proxy_error").ToList();
        Assert.Equal(upstreamErrors, errors.Count);
        Assert.All(errors, e => Assert.Equal("/health", e.DetailString("path")));
        Assert.Equal("gateway lost", Assert.Single(records, r => r.EventType == "web_socket_close").DetailString("status"));
        Assert.Equal("service_stop", records[^1].EventType);
    }

    /// <summary>
    /// Authenticated GETs of the gateway's /health through the proxy, one at a time on this client's connection,
    /// until stopped. A request that gets no answer (time-out, dropped connection) is recorded, not thrown: the
    /// proxy owes every client an answer, and the test reports how many went without one.
    /// </summary>
    private static async Task TrafficAsync(HttpClient client, ConcurrentQueue<(HttpStatusCode, string)> answers, ConcurrentQueue<string> unanswered, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync("/health", CancellationToken.None);
                answers.Enqueue((response.StatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None)));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                unanswered.Enqueue($"{ex.GetType().Name}: {ex.Message}");
            }

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
