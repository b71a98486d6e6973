using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using SecureStack.Audit;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Auditing;

/// <summary>The proxy's audit events. Appending throws <see cref="AuditLogUnavailableException"/>; callers refuse then.</summary>
internal sealed class ProxyAudit(IAuditLog log, ProxyOptions options, LockoutTracker? lockout = null)
{
    private static readonly object AuditedConnectionKey = new();

    private long _successCount;

    public void AuthFailure(IPAddress source, string reason, string method, string path) =>
        log.Append(new AuditEvent(AuditEventType.AuthFailure, "authenticate", AuditResult.Failure, RiskLevel.Medium)
        {
            SourceIp = source.ToString(),
            Details = new Dictionary<string, object?> { ["reason"] = reason, ["method"] = method, ["path"] = path },
        });

    /// <summary>Records a success when the sampling setting says so.</summary>
    public void AuthSuccess(HttpContext context, IPAddress source, string user, bool viaCookie)
    {
        if (!ShouldAuditSuccess(context))
        {
            return;
        }

        log.Append(new AuditEvent(AuditEventType.AuthSuccess, "authenticate", AuditResult.Success, RiskLevel.Info)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = new Dictionary<string, object?>
            {
                ["via"] = viaCookie ? "cookie" : "bearer",
                ["sampling"] = options.AuthSuccessAudit.ToString(),
                ["path"] = context.Request.Path.Value,
            },
        });
    }

    public void Login(IPAddress source, string user) =>
        log.Append(new AuditEvent(AuditEventType.AuthSuccess, "login", AuditResult.Success, RiskLevel.Low)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = new Dictionary<string, object?> { ["via"] = "login_page" },
        });

    public void Lockout(IPAddress source, int failures) =>
        log.Append(new AuditEvent(AuditEventType.AuthLockout, "lockout", AuditResult.Blocked, RiskLevel.High)
        {
            SourceIp = source.ToString(),
            Details = new Dictionary<string, object?>
            {
                ["failures"] = failures,
                ["group"] = AddressGroup.Describe(source),
                ["global_budget_spent"] = lockout?.GlobalBudgetSpent,
                ["window_seconds"] = options.LockoutWindow.TotalSeconds,
                ["ban_seconds"] = options.LockoutBan.TotalSeconds,
            },
        });

    public void ProxyError(IPAddress source, string? user, string error, string method, string path) =>
        log.Append(new AuditEvent(AuditEventType.ProxyError, "forward", AuditResult.Failure, RiskLevel.Medium)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = new Dictionary<string, object?> { ["error"] = error, ["method"] = method, ["path"] = path },
        });

    /// <summary>A refusal by policy; <paramref name="rules"/> are the rule ids of a prompt policy block (action <c>blocked_by_policy</c>).</summary>
    public void PolicyDenied(IPAddress source, string? user, string action, string inspector, string reason, string target, IReadOnlyList<string>? rules = null)
    {
        var details = new Dictionary<string, object?> { ["inspector"] = inspector, ["reason"] = reason, ["target"] = target };
        if (rules is not null)
        {
            details["rule_ids"] = rules;
        }

        log.Append(new AuditEvent(AuditEventType.PolicyDenied, action, AuditResult.Blocked, RiskLevel.High)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = details,
        });
    }

    public void Rewritten(IPAddress source, string? user, string inspector, string reason, string target) =>
        log.Append(new AuditEvent(AuditEventType.PromptInjection, "rewrite", AuditResult.Flagged, RiskLevel.Medium)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = new Dictionary<string, object?> { ["inspector"] = inspector, ["reason"] = reason, ["target"] = target },
        });

    public void WebSocketOpen(IPAddress source, string user, string path, string connectionId) =>
        log.Append(new AuditEvent(AuditEventType.WebSocketOpen, "websocket_open", AuditResult.Success, RiskLevel.Info)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = new Dictionary<string, object?> { ["path"] = path, ["connection"] = connectionId },
        });

    public void WebSocketClose(IPAddress source, string user, string connectionId, string status, long clientFrames, long refusedFrames, TimeSpan duration) =>
        log.Append(new AuditEvent(AuditEventType.WebSocketClose, "websocket_close", AuditResult.Success, RiskLevel.Info)
        {
            SourceIp = source.ToString(),
            UserId = user,
            Details = new Dictionary<string, object?>
            {
                ["connection"] = connectionId,
                ["status"] = status,
                ["client_frames"] = clientFrames,
                ["refused_frames"] = refusedFrames,
                ["duration_ms"] = (long)duration.TotalMilliseconds,
            },
        });

    private bool ShouldAuditSuccess(HttpContext context)
    {
        switch (options.AuthSuccessAudit)
        {
            case AuthSuccessAudit.None:
                return false;
            case AuthSuccessAudit.Every:
                return true;
            case AuthSuccessAudit.Sampled:
                return Interlocked.Increment(ref _successCount) % options.AuthSuccessSampleRate == 1 % options.AuthSuccessSampleRate;
            default:
                if (context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items)
                {
                    return true;
                }

                return items.TryAdd(AuditedConnectionKey, true);
        }
    }
}
