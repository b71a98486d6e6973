using System.Net;

namespace SecureStack.Proxy.Logging;

/// <summary>The proxy's own log lines (source-generated). Audit events are separate and go to the audit log.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Proxy listening on {Addresses}, forwarding to {Upstream} in {Mode} mode")]
    public static partial void Started(ILogger logger, string addresses, Uri upstream, string mode);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refused {Method} request from {SourceIp}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, IPAddress sourceIp, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Authentication failed from {SourceIp}: {Reason}")]
    public static partial void AuthFailed(ILogger logger, IPAddress sourceIp, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Locked out {SourceIp} for {BanSeconds} s after {Failures} failed authentications")]
    public static partial void LockedOut(ILogger logger, IPAddress sourceIp, double banSeconds, int failures);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Upstream error {Error} for {Method} {Path}")]
    public static partial void UpstreamError(ILogger logger, string error, string method, string path, Exception? exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "The audit log is unavailable; refusing the request")]
    public static partial void AuditUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Inspector {Inspector} refused a request from {SourceIp}: {Reason}")]
    public static partial void InspectorRefused(ILogger logger, string inspector, IPAddress sourceIp, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Inspector {Inspector} failed; refusing")]
    public static partial void InspectorFailed(ILogger logger, string inspector, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "WebSocket from {SourceIp} closed: {Status} after {Frames} client frames")]
    public static partial void WebSocketClosed(ILogger logger, IPAddress sourceIp, string status, long frames);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "WebSocket upstream connect failed for {Path}")]
    public static partial void WebSocketUpstreamFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Critical, Message = "The audit log cannot be written: {Error}. Authentication and other audited decisions are refused and /readyz reports not ready until it can")]
    public static partial void AuditLogDown(ILogger logger, string error);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "The audit log takes events again after {Outage}; the outage is recorded in it")]
    public static partial void AuditLogRecovered(ILogger logger, TimeSpan outage);
}
