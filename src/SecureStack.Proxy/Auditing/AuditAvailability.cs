using SecureStack.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureStack.Proxy.Logging;

namespace SecureStack.Proxy.Auditing;

/// <summary>
/// The audit log as the proxy appends to it. An append that fails (volume full, read-only, gone) makes /readyz
/// 503 until the log takes events again; while it is down, readiness probes it at most once a second so the
/// proxy recovers without traffic. The first record after an outage states the outage and how many events it
/// could not record, so the chain accounts for them.
/// </summary>
internal sealed class AuditAvailability(IAuditLog log, TimeProvider time, ILogger<AuditAvailability> logger) : IAuditLog, IHealthCheck
{
    public const string NotReady = "audit log unavailable: requests that must be audited are refused (the proxy log says why)";

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private string? _error;
    private DateTimeOffset _since;
    private long _lastProbe;
    private long _unrecorded;

    /// <summary>Why /readyz is 503, or null while appends work.</summary>
    public string? NotReadyReason
    {
        get
        {
            lock (_gate)
            {
                if (_error is null)
                {
                    return null;
                }

                if (time.GetElapsedTime(_lastProbe) < ProbeInterval)
                {
                    return NotReady;
                }

                _lastProbe = time.GetTimestamp();
            }

            try
            {
                Recover();
                return null;
            }
            catch (AuditLogUnavailableException)
            {
                return NotReady;
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(NotReadyReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());

    public void Append(AuditEvent auditEvent)
    {
        try
        {
            if (Volatile.Read(ref _error) is not null)
            {
                Recover();
            }

            Write(auditEvent);
        }
        catch (AuditLogUnavailableException)
        {
            Interlocked.Increment(ref _unrecorded);
            throw;
        }
    }

    /// <summary>Records the outage that just ended; throws while the log still refuses.</summary>
    private void Recover()
    {
        string? error;
        DateTimeOffset since;
        lock (_gate)
        {
            (error, since) = (_error, _since);
        }

        if (error is null)
        {
            return;
        }

        var unrecorded = Interlocked.Read(ref _unrecorded);
        Write(new AuditEvent(AuditEventType.ConfigWarning, "audit_log_recovered", AuditResult.Success, RiskLevel.High)
        {
            Details = new Dictionary<string, object?> { ["unavailable_since"] = since.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["error"] = error, ["unrecorded_events"] = unrecorded },
        });
        Interlocked.Add(ref _unrecorded, -unrecorded);
        lock (_gate)
        {
            if (_error is null)
            {
                return;
            }

            _error = null;
        }

        Log.AuditLogRecovered(logger, time.GetUtcNow() - since);
    }

    private void Write(AuditEvent auditEvent)
    {
        try
        {
            log.Append(auditEvent);
        }
        catch (AuditLogUnavailableException ex)
        {
            lock (_gate)
            {
                if (_error is null)
                {
                    _since = time.GetUtcNow();
                    _lastProbe = time.GetTimestamp();
                    Log.AuditLogDown(logger, ex.Message);
                }

                _error = ex.Message;
            }

            throw;
        }
    }
}
