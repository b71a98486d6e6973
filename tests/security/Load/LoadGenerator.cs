using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace SecureStack.Security.Tests.Load;

/// <summary>
/// A closed set of paced workers against the proxy: each HTTP worker owns one keep-alive connection and sends
/// GETs at a steady rate; each WebSocket worker keeps one socket open and exchanges request frames at a steady
/// rate, checking every echo. A worker has one request outstanding at a time (closed loop), so a slow answer
/// delays its next sends; latency is therefore timed from each request's scheduled slot, not from when it was
/// actually sent, so that delay is counted instead of hidden (coordinated omission). Everything stops by itself
/// when the duration is over.
/// </summary>
internal sealed class LoadGenerator(Uri proxy, string token)
{
    /// <summary>Runs the load for <paramref name="duration"/>; <paramref name="rssPid"/> is sampled once a second.</summary>
    public async Task<LoadReport> RunAsync(LoadSettings settings, TimeSpan duration, int rssPid)
    {
        var http = Enumerable.Range(0, settings.HttpConnections).Select(_ => new LatencyRecorder()).ToArray();
        var sockets = Enumerable.Range(0, settings.WebSockets).Select(_ => new LatencyRecorder()).ToArray();
        var rss = new List<long>();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new List<Task>();
        workers.AddRange(http.Select((r, i) => Task.Run(() => HttpWorkerAsync(r, i, settings.RequestsPerConnectionPerSecond, end))));
        workers.AddRange(sockets.Select((r, i) => Task.Run(() => WebSocketWorkerAsync(r, i, settings.MessagesPerSocketPerSecond, end))));
        workers.Add(SampleAsync(rssPid, rss, end));
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new LoadReport(
            elapsed,
            LatencySummary.Of(http.SelectMany(r => r.Milliseconds)),
            LatencySummary.Of(sockets.SelectMany(r => r.Milliseconds)),
            LatencySummary.Of(http.Concat(sockets).SelectMany(r => r.Milliseconds)),
            [.. http.Concat(sockets).SelectMany(r => r.Errors)],
            rss);
    }

    /// <summary>
    /// Waits until the <paramref name="index"/>th slot of a steady schedule and returns the slot's timestamp (at
    /// once when the slot is already past); null once past the end.
    /// </summary>
    private static async Task<long?> PaceAsync(long start, double ratePerSecond, long index, long end)
    {
        var due = start + (long)(index / ratePerSecond * Stopwatch.Frequency);
        if (due >= end)
        {
            return null;
        }

        var wait = due - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
        }

        return due;
    }

    private async Task HttpWorkerAsync(LatencyRecorder recorder, int worker, double rate, long end)
    {
        // One connection per worker, kept alive for the whole run.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var start = Stopwatch.GetTimestamp() + (long)(worker * Stopwatch.Frequency / 1000.0);
        for (long i = 0; await PaceAsync(start, rate, i, end) is { } scheduled; i++)
        {
            try
            {
                using var response = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/load/{worker}/{i}"));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body == "{\"ok\":true}")
                {
                    recorder.Success(scheduled);
                }
                else
                {
                    recorder.Error($"http {(int)response.StatusCode}: {body}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                recorder.Error("http " + ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    private async Task WebSocketWorkerAsync(LatencyRecorder recorder, int worker, double rate, long end)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var buffer = new byte[16 * 1024];
        try
        {
            using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new Uri($"ws://{proxy.Authority}/ws/{worker}"), connect.Token);
            var start = Stopwatch.GetTimestamp() + (long)(worker * Stopwatch.Frequency / 500.0);
            for (long i = 0; await PaceAsync(start, rate, i, end) is { } scheduled; i++)
            {
                var frame = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"type\":\"req\",\"id\":\"{worker}-{i}\",\"method\":\"chat.history\",\"params\":{{\"sessionKey\":\"load-{worker}\",\"limit\":{i % 50}}}}}");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, timeout.Token);
                var received = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
                    received += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                var echo = Encoding.UTF8.GetString(buffer, 0, received);
                if (result.MessageType == WebSocketMessageType.Text && echo == frame)
                {
                    recorder.Success(scheduled);
                }
                else
                {
                    recorder.Error($"websocket {worker}: unexpected {result.MessageType} \"{echo}\"");
                    return;
                }
            }

            using var close = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", close.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            recorder.Error($"websocket {worker}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async Task SampleAsync(int pid, List<long> samples, long end)
    {
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; await PaceAsync(start, 1, i, end) is not null; i++)
        {
            samples.Add(ProcessMemory.ResidentBytes(pid));
        }
    }
}
