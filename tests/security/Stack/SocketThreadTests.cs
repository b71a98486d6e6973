using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SecureStack.Security.Tests.Faults;
using SecureStack.Security.Tests.Load;

namespace SecureStack.Security.Tests.Stack;

/// <summary>
/// The proxy process runs socket continuations inline on one event thread per core (<c>SocketThreads</c>), and
/// each of those threads serves many connections. A client with a valid token must not be able to hold one with
/// the prompt sanitizer: a megabyte-sized prompt is inspected on the thread pool while other connections are served.
/// </summary>
[Collection("Faults")]
public sealed class SocketThreadTests
{
    [Fact]
    public async Task ProxyProcess_RunsOneSocketEventThreadPerCore()
    {
        var stack = new FaultStack();
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var proxy = await stack.StartProxyAsync(upstream.Url);

        var threadNames = Directory.GetDirectories($"/proc/{proxy.Pid}/task")
            .Select(task => File.ReadAllText(Path.Combine(task, "comm")).Trim());

        // Without inline completions the runtime starts one event thread for up to 30 cores.
        Assert.Equal(Environment.ProcessorCount, threadNames.Count(name => name == ".NET Sockets"));
    }

    [Fact]
    public async Task LargePromptInspection_DoesNotStallOtherConnections()
    {
        var stack = new FaultStack();
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var proxy = await ProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["UPSTREAM_URL"] = upstream.Url.ToString(),
            ["AUDIT_LOG_PATH"] = stack.AuditPath,
            ["API_TOKEN"] = stack.Token,
            ["PROXY_RATE_LIMIT"] = "0",
        });
        // Several keep-alive connections, so that some share the event thread of the prompt's connection.
        var probes = Enumerable.Range(0, 6).Select(_ => stack.Client(proxy.Url)).ToArray();
        foreach (var probe in probes)
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/probe")).StatusCode);
        }

        // Eight turns, each just under the sanitizer's 1 MiB field limit (8 MB of the 10 MB body limit): at a few MB/s
        // (bench/RESULTS.md › Sanitizer) the inspection takes seconds even on an idle machine.
        var turn = string.Join(' ', Enumerable.Repeat("Please summarise the quarterly figures for the northern region.", 16_000));
        var body = JsonSerializer.Serialize(new { model = "m", messages = Enumerable.Repeat(new { role = "user", content = turn }, 8) });
        using var promptClient = stack.Client(proxy.Url);
        var started = Stopwatch.GetTimestamp();
        var inspected = promptClient.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var slowestProbe = TimeSpan.Zero;
        while (!inspected.IsCompleted)
        {
            foreach (var probe in probes)
            {
                var sent = Stopwatch.GetTimestamp();
                Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/probe")).StatusCode);
                slowestProbe = TimeSpan.FromTicks(Math.Max(slowestProbe.Ticks, Stopwatch.GetElapsedTime(sent).Ticks));
            }
        }

        var inspection = Stopwatch.GetElapsedTime(started);
        Assert.Equal(HttpStatusCode.OK, (await inspected).StatusCode);
        Assert.True(inspection > TimeSpan.FromMilliseconds(300), $"the prompt took only {inspection.TotalMilliseconds:F0} ms, too little to tell a stall");
        // On the event thread, a probe would wait for the rest of the inspection. Half leaves room for a busy
        // 2-core CI host (a probe once waited 923 ms of a 2,352 ms inspection there) and still catches a stall.
        Assert.True(slowestProbe < inspection / 2,
            $"a request on another connection waited {slowestProbe.TotalMilliseconds:F0} ms during a {inspection.TotalMilliseconds:F0} ms inspection");
        foreach (var probe in probes)
        {
            probe.Dispose();
        }
    }
}
