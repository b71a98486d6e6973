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

    [Fact]
    public async Task Sigterm_FinishesInFlightStreams_RefusesNewConnections_ExitsZero()
    {
        var stack = new FaultStack();
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var proxy = await stack.StartProxyAsync(upstream.Url);
        using var client = stack.Client(proxy.Url);
        using var streamClient = stack.Client(proxy.Url);

        // Five seconds of events; SIGTERM arrives after the first one.
        using var response = await streamClient.GetAsync($"/sse?events={Events}&ms={EventMilliseconds}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("data: event 0", await reader.ReadLineAsync());
        var slowRequests = Enumerable.Range(0, 4).Select(i => client.GetAsync($"/sse?events=3&ms=500")).ToArray();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + stack.Token);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{proxy.Port}/ws"), CancellationToken.None);
        var frame = Encoding.UTF8.GetBytes("{\"type\":\"req\",\"id\":\"1\",\"method\":\"health\",\"params\":{}}");
        await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        Assert.Equal(frame.Length, (await socket.ReceiveAsync(buffer, CancellationToken.None)).Count);

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

        var events = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        Assert.Equal([.. Enumerable.Range(1, Events - 1).Select(i => $"event {i}"), "[DONE]"], events);
        foreach (var slow in slowRequests)
        {
            using var answer = await slow;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.EndsWith("data: [DONE]\n\n", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Nothing is left to wait for once the streams are done: far less than the 30 s drain limit.
        Assert.True(await proxy.WaitForExitAsync(TimeSpan.FromSeconds(15)), "the proxy did not exit once its streams were done");
        Assert.Equal(0, proxy.ExitCode);
        Assert.True(Stopwatch.GetElapsedTime(terminated) < TimeSpan.FromSeconds(15));

        var records = stack.VerifiedRecords();
        Assert.Equal("service_stop", records[^1].EventType);
        Assert.Equal(2 + slowRequests.Length, records.Count(r => r.EventType == "auth_success"));
        Assert.Equal("proxy stopping", Assert.Single(records, r => r.EventType == "web_socket_close").DetailString("status"));
    }

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
