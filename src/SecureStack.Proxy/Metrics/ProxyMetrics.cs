using System.Diagnostics.Metrics;

namespace SecureStack.Proxy.Metrics;

/// <summary>
/// The proxy's own instruments on the <see cref="MeterName"/> meter. Request counts and latency are not here:
/// ASP.NET Core's <c>http.server.request.duration</c> (meter <c>Microsoft.AspNetCore.Hosting</c>) already has them.
/// Without a listener (no PROXY_METRICS_LISTEN) each call is a flag check.
/// </summary>
internal sealed class ProxyMetrics
{
    public const string MeterName = "SecureStack.Proxy";

    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _blocked;
    private readonly UpDownCounter<long> _webSocketsOpen;
    private readonly Counter<long> _webSocketMessages;

    public ProxyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _authFailures = meter.CreateCounter<long>("securestack.proxy.auth.failures", "{failure}", "Failed authentications (bad token, cookie or login).");
        _blocked = meter.CreateCounter<long>("securestack.proxy.blocked", "{request}", "Requests and frames refused before the gateway, by reason.");
        _webSocketsOpen = meter.CreateUpDownCounter<long>("securestack.proxy.websocket.connections.active", "{connection}", "WebSocket connections open now.");
        _webSocketMessages = meter.CreateCounter<long>("securestack.proxy.websocket.client_messages", "{message}", "Client WebSocket messages seen.");
        // Untagged series start at 0, so they are exported (and rate() works) before their first event.
        _authFailures.Add(0);
        _webSocketsOpen.Add(0);
        _webSocketMessages.Add(0);
    }

    public void AuthFailure() => _authFailures.Add(1);

    /// <param name="reason">A fixed word (rate_limit, lockout, body_size, ...), never client input: it becomes a label.</param>
    public void Blocked(string reason) => _blocked.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void WebSocketOpened() => _webSocketsOpen.Add(1);

    public void WebSocketClosed() => _webSocketsOpen.Add(-1);

    public void WebSocketFrame() => _webSocketMessages.Add(1);
}
