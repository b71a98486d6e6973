using Microsoft.Extensions.Logging;

namespace SecureStack.Egress.Proxy;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Egress proxy listening on {Endpoint} with {EntryCount} allowlist entries from {Source}")]
    public static partial void Listening(ILogger logger, string endpoint, int entryCount, string source);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Refused {Client} -> {Host}:{Port}: {Reason} ({Detail})")]
    public static partial void Refused(ILogger logger, string client, string host, int port, string reason, string detail);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Allowed {Kind} {Client} -> {Host}:{Port} at {Address}")]
    public static partial void Allowed(ILogger logger, string kind, string client, string host, int port, string address);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Closed {Host}:{Port} for {Client} (idle: {IdledOut})")]
    public static partial void Closed(ILogger logger, string host, int port, string client, bool idledOut);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Critical, Message = "Audit log unavailable; the refusal of {Host}:{Port} was not recorded")]
    public static partial void AuditFailed(ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Allowlist replaced: {EntryCount} entries from {Source}")]
    public static partial void AllowlistReplaced(ILogger logger, int entryCount, string source);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Connection from {Client} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string client);
}
