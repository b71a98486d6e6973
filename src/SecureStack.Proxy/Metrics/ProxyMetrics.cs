using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SecureStack.Proxy.Metrics;

/// <summary>Counters and a latency histogram in the Prometheus text format; lock-free on the request path.</summary>
internal sealed class ProxyMetrics
{
    private static readonly double[] BucketSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly long[] _statusClasses = new long[6];
    private readonly long[] _buckets = new long[BucketSeconds.Length + 1];
    private readonly ConcurrentDictionary<string, long> _blocked = new(StringComparer.Ordinal);
    private long _durationMicros;
    private long _authFailures;
    private long _webSocketsOpen;
    private long _webSocketFrames;

    public void Request(int statusCode, TimeSpan duration)
    {
        Interlocked.Increment(ref _statusClasses[Math.Clamp(statusCode / 100, 0, 5)]);
        Interlocked.Add(ref _durationMicros, (long)(duration.TotalMicroseconds));
        var seconds = duration.TotalSeconds;
        var i = 0;
        while (i < BucketSeconds.Length && seconds > BucketSeconds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _buckets[i]);
    }

    public void AuthFailure() => Interlocked.Increment(ref _authFailures);

    public void Blocked(string reason) => _blocked.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    public void WebSocketOpened() => Interlocked.Increment(ref _webSocketsOpen);

    public void WebSocketClosed() => Interlocked.Decrement(ref _webSocketsOpen);

    public void WebSocketFrame() => Interlocked.Increment(ref _webSocketFrames);

    public string Render()
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("# HELP securestack_proxy_requests_total HTTP requests answered, by status class.");
        s.AppendLine("# TYPE securestack_proxy_requests_total counter");
        for (var c = 1; c <= 5; c++)
        {
            s.Append(inv, $"securestack_proxy_requests_total{{code=\"{c}xx\"}} {Volatile.Read(ref _statusClasses[c])}\n");
        }

        s.AppendLine("# HELP securestack_proxy_request_duration_seconds Time from request start to the end of the response.");
        s.AppendLine("# TYPE securestack_proxy_request_duration_seconds histogram");
        long cumulative = 0;
        for (var i = 0; i < BucketSeconds.Length; i++)
        {
            cumulative += Volatile.Read(ref _buckets[i]);
            s.Append(inv, $"securestack_proxy_request_duration_seconds_bucket{{le=\"{BucketSeconds[i]}\"}} {cumulative}\n");
        }

        cumulative += Volatile.Read(ref _buckets[^1]);
        s.Append(inv, $"securestack_proxy_request_duration_seconds_bucket{{le=\"+Inf\"}} {cumulative}\n");
        s.Append(inv, $"securestack_proxy_request_duration_seconds_sum {Volatile.Read(ref _durationMicros) / 1e6}\n");
        s.Append(inv, $"securestack_proxy_request_duration_seconds_count {cumulative}\n");
        s.AppendLine("# HELP securestack_proxy_auth_failures_total Failed authentications.");
        s.AppendLine("# TYPE securestack_proxy_auth_failures_total counter");
        s.Append(inv, $"securestack_proxy_auth_failures_total {Volatile.Read(ref _authFailures)}\n");
        s.AppendLine("# HELP securestack_proxy_blocked_total Requests and frames refused before the gateway, by reason.");
        s.AppendLine("# TYPE securestack_proxy_blocked_total counter");
        foreach (var (reason, count) in _blocked.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            s.Append(inv, $"securestack_proxy_blocked_total{{reason=\"{reason}\"}} {count}\n");
        }

        s.AppendLine("# HELP securestack_proxy_websockets_open WebSocket connections open now.");
        s.AppendLine("# TYPE securestack_proxy_websockets_open gauge");
        s.Append(inv, $"securestack_proxy_websockets_open {Volatile.Read(ref _webSocketsOpen)}\n");
        s.AppendLine("# HELP securestack_proxy_websocket_client_frames_total Client WebSocket messages seen.");
        s.AppendLine("# TYPE securestack_proxy_websocket_client_frames_total counter");
        s.Append(inv, $"securestack_proxy_websocket_client_frames_total {Volatile.Read(ref _webSocketFrames)}\n");
        return s.ToString();
    }
}
