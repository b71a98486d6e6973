using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using SecureStack.Security.Tests.Load;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Faults;

/// <summary>
/// SIGTERM while the proxy carries traffic (an orchestrator stopping or rolling the container): requests in
/// flight, a slow SSE stream among them, finish; open WebSockets get a 1001 close; new connections are refused
/// at once; the process exits 0 well within its drain time and the audit log ends with <c>service_stop</c>.
/// </summary>
[Collection("Faults")]
public sealed class SigtermDrainTests
{
    private const int Events = 20;
    private const int EventMilliseconds = 250;
    private const int SlowRequests = 4;
    private const int SlowEvents = 4;
    private const int SlowEventMilliseconds = 500;

    [Fact]
    public async Task Sigterm_FinishesInFlightStreams_RefusesNewConnections_ExitsZero()
    {
        var stack = new FaultStack();
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var proxy = await stack.StartProxyAsync(upstream.Url);
        using var client = stack.Client(proxy.Url);
        using var streamClient = stack.Client(proxy.Url);

        // Five seconds of events; SIGTERM arrives after the first one.
        var (response, reader) = await StartStreamAsync(streamClient, Events, EventMilliseconds);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + stack.Token);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{proxy.Port}/ws"), CancellationToken.None);
        var frame = Encoding.UTF8.GetBytes("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}");
        await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        Assert.Equal(frame.Length, (await socket.ReceiveAsync(buffer, CancellationToken.None)).Count);
        // Last before SIGTERM, and only once each has streamed its first event: a request the proxy has not yet
        // accepted when SIGTERM lands is refused, which is right, but not what this test is about.
        var slowStreams = await Task.WhenAll(Enumerable.Range(0, SlowRequests).Select(_ => StartStreamAsync(client, SlowEvents, SlowEventMilliseconds)));

        var terminated = Stopwatch.GetTimestamp();
        proxy.Terminate();
        Assert.True(await RefusesConnectionsAsync(proxy.Port, TimeSpan.FromSeconds(3)), "the proxy still accepted connections after SIGTERM");
        using (var closeWait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            var closing = await socket.ReceiveAsync(buffer, closeWait.Token);
            Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closeWait.Token);
        }

        using (response)
        using (reader)
        {
            Assert.Equal(ExpectedRest(Events), await ReadEventsAsync(reader));
        }

        foreach (var (slowResponse, slowReader) in slowStreams)
        {
            using (slowResponse)
            using (slowReader)
            {
                Assert.Equal(ExpectedRest(SlowEvents), await ReadEventsAsync(slowReader));
            }
        }

        // Nothing is left to wait for once the streams are done: far less than the 30 s drain limit.
        Assert.True(await proxy.WaitForExitAsync(TimeSpan.FromSeconds(15)), "the proxy did not exit once its streams were done");
        Assert.Equal(0, proxy.ExitCode);
        Assert.True(Stopwatch.GetElapsedTime(terminated) < TimeSpan.FromSeconds(15));

        var records = stack.VerifiedRecords();
        Assert.Equal("service_stop", records[^1].EventType);
        Assert.Equal(2 + SlowRequests, records.Count(r => r.EventType == "auth_success"));
        Assert.Equal("proxy stopping", Assert.Single(records, r => r.EventType == "web_socket_close").DetailString("status"));
    }

    /// <summary>
    /// Starts an SSE stream through the proxy and returns once its first event has come back: from then on the
    /// proxy has the request in flight, so SIGTERM must let it finish.
    /// </summary>
    private static async Task<(HttpResponseMessage Response, StreamReader Reader)> StartStreamAsync(HttpClient client, int events, int milliseconds)
    {
        var response = await client.GetAsync($"/sse?events={events}&ms={milliseconds}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var firstEvent = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.Equal("data: event 0", await reader.ReadLineAsync(firstEvent.Token));
        return (response, reader);
    }

    /// <summary>The data of every event left in the stream, read to its end (bounded, so a stream that never ends fails the test).</summary>
    private static async Task<List<string>> ReadEventsAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        return events;
    }

    /// <summary>What a stream of <paramref name="events"/> events still owes once its first event was read.</summary>
    private static List<string> ExpectedRest(int events) => [.. Enumerable.Range(1, events - 1).Select(i => $"event {i}"), "[DONE]"];

    /// <summary>Polls a fresh TCP connect until it is refused; false when it kept being accepted.</summary>
    private static async Task<bool> RefusesConnectionsAsync(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
