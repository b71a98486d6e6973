using Microsoft.Extensions.Logging;

namespace SecureStack.Audit.Logging;

/// <summary>
/// The one log format of the three long-running services (proxy, egress proxy, watcher): JSON lines on stdout with
/// the console formatter's fields, <c>Timestamp</c> (UTC), <c>EventId</c>, <c>LogLevel</c>, <c>Category</c>,
/// <c>Message</c>, <c>State</c> (the message's named values) and <c>Exception</c> when there is one.
/// Lives in the Audit project because every component references it.
/// </summary>
public static class ServiceLog
{
    /// <summary>Replaces the providers with the JSON console at Information; framework categories at Warning.</summary>
    public static ILoggingBuilder AddServiceLog(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        // Framework categories log two lines per proxied request at Information (PERFORMANCE.md): Warning.
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        logging.AddFilter("Yarp", LogLevel.Warning);
        // While this category is enabled at any level, hosting starts an Activity per request (and HttpClient a
        // second one): measurable CPU for log scopes nobody reads. Kestrel still logs unhandled exceptions.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        return logging;
    }
}
