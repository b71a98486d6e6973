using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SecureStack.Audit;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Metrics;

namespace SecureStack.Egress.Proxy;

/// <summary>Runs the proxy until cancelled, re-reading the allowlist file on SIGHUP.</summary>
public static partial class EgressProxyHost
{
    /// <summary>Starts the proxy and returns when <paramref name="stopping"/> is cancelled; throws when it cannot bind.</summary>
    public static async Task RunAsync(EgressProxyOptions options, string allowlistPath, IAuditLog audit, ILogger logger, CancellationToken stopping)
    {
        var allowlist = LoadReporting(allowlistPath, audit, logger)
            ?? throw new IOException($"{allowlistPath}: the egress allowlist cannot be read; give an existing file with --allowlist");
        using var metrics = new EgressMetrics();
        await using var server = new EgressProxyServer(options, allowlist, audit, metrics, logger);
        server.Start();
        using var reload = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            // An unreadable file keeps the current list: the proxy never widens or empties itself by accident.
            if (LoadReporting(allowlistPath, audit, logger) is { } fresh)
            {
                server.ReplaceAllowlist(fresh);
            }
        });
        await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Loads the file and reports each skipped line to the log and as a config_warning audit event.</summary>
    private static EgressAllowlist? LoadReporting(string path, IAuditLog audit, ILogger logger)
    {
        EgressAllowlist allowlist;
        try
        {
            allowlist = EgressAllowlist.Load(path);
        }
        catch (IOException ex)
        {
            LogUnreadable(logger, ex.Message);
            return null;
        }

        foreach (var problem in allowlist.Problems)
        {
            LogProblem(logger, problem.ToString());
            try
            {
                audit.Append(new AuditEvent(AuditEventType.ConfigWarning, "egress_allowlist", AuditResult.Flagged, RiskLevel.Low)
                {
                    Details = new Dictionary<string, object?> { ["file"] = problem.Source, ["line"] = problem.Line, ["message"] = problem.Message },
                });
            }
            catch (AuditLogUnavailableException ex)
            {
                // Skipped lines only narrow the allowlist; the warning is in the log above.
                LogUnreadable(logger, ex.Message);
            }
        }

        return allowlist;
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Allowlist entry skipped: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogUnreadable(ILogger logger, string message);
}
