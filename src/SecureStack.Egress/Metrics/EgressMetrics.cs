using System.Diagnostics.Metrics;
using SecureStack.Egress.Proxy;

namespace SecureStack.Egress.Metrics;

/// <summary>
/// Instruments of the egress proxy on the <see cref="MeterName"/> meter; <c>securestack egress proxy --metrics-listen</c>
/// exports them. Counted where the proxy decides: <see cref="ProxyConnection"/> allows or refuses each request.
/// </summary>
public sealed class EgressMetrics : IDisposable
{
    public const string MeterName = "SecureStack.Egress";
    public const string AllowedInstrument = "securestack.egress.tunnels.allowed";
    public const string RefusedInstrument = "securestack.egress.refusals";
    public const string ActiveInstrument = "securestack.egress.connections.active";

    private readonly Counter<long> _allowed;
    private readonly Counter<long> _refused;
    private readonly UpDownCounter<long> _active;

    public EgressMetrics()
    {
        Meter = new Meter(MeterName);
        _allowed = Meter.CreateCounter<long>(AllowedInstrument, "{request}", "Tunnels and plain HTTP requests the egress proxy let through, by kind (connect, http).");
        _refused = Meter.CreateCounter<long>(RefusedInstrument, "{request}", "Requests the egress proxy refused, by reason.");
        _active = Meter.CreateUpDownCounter<long>(ActiveInstrument, "{connection}", "Client connections being handled.");
        // Every series starts at 0, so it is exported (and rate() works) before its first event.
        Allowed(ProxyRequestKind.Connect, 0);
        Allowed(ProxyRequestKind.AbsoluteHttp, 0);
        foreach (var reason in Enum.GetValues<RefusalReason>())
        {
            Refused(reason, 0);
        }

        _active.Add(0);
    }

    /// <summary>This instance's meter (each proxy has its own, so a test can listen to exactly one).</summary>
    public Meter Meter { get; }

    internal void Allowed(ProxyRequestKind kind, long count = 1) =>
        _allowed.Add(count, new KeyValuePair<string, object?>("kind", kind == ProxyRequestKind.Connect ? "connect" : "http"));

    internal void Refused(RefusalReason reason, long count = 1) => _refused.Add(count, new KeyValuePair<string, object?>("reason", reason.WireName()));

    internal void Opened() => _active.Add(1);

    internal void Closed() => _active.Add(-1);

    public void Dispose() => Meter.Dispose();
}
