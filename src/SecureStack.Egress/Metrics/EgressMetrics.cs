using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using SecureStack.Egress.Proxy;

namespace SecureStack.Egress.Metrics;

/// <summary>
/// Counters of the egress proxy, published on the <see cref="MeterName"/> meter (for any
/// System.Diagnostics.Metrics listener) and as Prometheus text on the proxy's <c>/metrics</c>.
/// </summary>
public sealed class EgressMetrics : IDisposable
{
    public const string MeterName = "SecureStack.Egress";
    public const string AllowedInstrument = "securestack.egress.tunnels.allowed";
    public const string RefusedInstrument = "securestack.egress.refusals";
    public const string ActiveInstrument = "securestack.egress.connections.active";

    private readonly Meter _meter;
    private readonly Counter<long> _allowed;
    private readonly Counter<long> _refused;
    private readonly UpDownCounter<long> _active;
    private readonly ConcurrentDictionary<string, long> _allowedByKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _refusedByReason = new(StringComparer.Ordinal);
    private long _activeCount;

    public EgressMetrics()
    {
        _meter = new Meter(MeterName);
        _allowed = _meter.CreateCounter<long>(AllowedInstrument, description: "Tunnels and plain HTTP requests the egress proxy let through");
        _refused = _meter.CreateCounter<long>(RefusedInstrument, description: "Requests the egress proxy refused, by reason");
        _active = _meter.CreateUpDownCounter<long>(ActiveInstrument, description: "Client connections being handled");
    }

    public long Active => Interlocked.Read(ref _activeCount);

    public long AllowedCount(string kind) => _allowedByKind.GetValueOrDefault(kind);

    public long RefusedCount(RefusalReason reason) => _refusedByReason.GetValueOrDefault(reason.WireName());

    internal void Allowed(ProxyRequestKind kind)
    {
        var name = kind == ProxyRequestKind.Connect ? "connect" : "http";
        _allowedByKind.AddOrUpdate(name, 1, static (_, n) => n + 1);
        _allowed.Add(1, new KeyValuePair<string, object?>("kind", name));
    }

    internal void Refused(RefusalReason reason)
    {
        var name = reason.WireName();
        _refusedByReason.AddOrUpdate(name, 1, static (_, n) => n + 1);
        _refused.Add(1, new KeyValuePair<string, object?>("reason", name));
    }

    internal void Opened()
    {
        Interlocked.Increment(ref _activeCount);
        _active.Add(1);
    }

    internal void Closed()
    {
        Interlocked.Decrement(ref _activeCount);
        _active.Add(-1);
    }

    /// <summary>The counters in the Prometheus text exposition format.</summary>
    public string ToPrometheusText()
    {
        var text = new StringBuilder();
        text.Append("# HELP securestack_egress_tunnels_allowed_total Tunnels and plain HTTP requests let through.\n")
            .Append("# TYPE securestack_egress_tunnels_allowed_total counter\n");
        foreach (var (kind, count) in _allowedByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"securestack_egress_tunnels_allowed_total{{kind=\"{kind}\"}} {count}\n");
        }

        text.Append("# HELP securestack_egress_refusals_total Requests refused, by reason.\n")
            .Append("# TYPE securestack_egress_refusals_total counter\n");
        foreach (var (reason, count) in _refusedByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"securestack_egress_refusals_total{{reason=\"{reason}\"}} {count}\n");
        }

        text.Append("# HELP securestack_egress_connections_active Client connections being handled.\n")
            .Append("# TYPE securestack_egress_connections_active gauge\n")
            .Append(CultureInfo.InvariantCulture, $"securestack_egress_connections_active {Active}\n");
        return text.ToString();
    }

    public void Dispose() => _meter.Dispose();
}
