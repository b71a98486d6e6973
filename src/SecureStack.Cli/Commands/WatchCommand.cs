using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureStack.Audit.Settings;
using SecureStack.Proxy.Metrics;
using SecureStack.Quarantine;
using SecureStack.Quarantine.Metrics;
using SecureStack.Quarantine.Watch;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack watch</c>: quarantine flagged skills as they land in any skill root.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Service);
        var settle = new Option<int>("--settle")
        {
            Description = "Milliseconds a skill must be quiet before it is scanned (partial writes are not scanned; default 500, at most 1500).",
            DefaultValueFactory = _ => 500,
        };
        var sweep = new Option<int>("--sweep")
        {
            Description = "Seconds between full sweeps of every root, for lost file-system events (default 30).",
            DefaultValueFactory = _ => 30,
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print only quarantines and errors, not clean or unchanged skills." };
        var metricsListen = MetricsListenOption.Create("WATCH_METRICS_LISTEN");
        var command = new Command("watch",
            "Watch every skill root (file-system events plus a periodic sweep); scan new or changed skills once their writes settle and "
            + "move flagged ones to quarantine. Skills changed after an override are re-quarantined. Runs until interrupted.\n"
            + "Exit codes: 0 stopped by a signal, 2 usage or configuration error.")
        {
            settle,
            sweep,
            quiet,
            metricsListen,
        };
        settings.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var opened = settings.Open(parse, error);
            if (opened is null)
            {
                return CliApp.UsageOrIoError;
            }

            // Disposed after the watcher: events raised while it stops are still logged.
            using var services = Compose(new WatchOptions
            {
                Settle = TimeSpan.FromMilliseconds(parse.GetValue(settle)),
                SweepInterval = TimeSpan.FromSeconds(parse.GetValue(sweep)),
            }, parse.GetValue(quiet), error);
            if (services is null)
            {
                return CliApp.UsageOrIoError;
            }

            MetricsListener? metrics;
            try
            {
                metrics = await MetricsListenOption.StartAsync(parse, metricsListen, "securestack-watcher", [QuarantineMetrics.MeterName], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                error.WriteLine($"securestack watch: {e.Message}");
                return CliApp.UsageOrIoError;
            }

            await using var metricsListener = metrics;
            QuarantineMetrics.ExportInstallDecisions(opened.Manager);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SecureStack.Quarantine.Watch");
            await using var watcher = new SkillWatcher(opened.Manager, services.GetRequiredService<WatchOptions>());
            watcher.Checked += result => LogChecked(logger, result);
            watcher.Failed += (path, e) => WatchLog.Failed(logger, e, path);
            watcher.Swept += count => WatchLog.Swept(logger, count, string.Join(':', opened.Manager.Options.SkillRoots));
            await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The watcher's log and validated settings; null (after saying why) when a setting is bad.</summary>
    private static ServiceProvider? Compose(WatchOptions settings, bool quiet, TextWriter error)
    {
        try
        {
            return ServiceComposition.Build(
                s => s.AddSettings<WatchOptions, QuarantineConfigurationException>(settings, o => o.Validate()),
                logging =>
                {
                    if (quiet)
                    {
                        logging.SetMinimumLevel(LogLevel.Warning);
                    }
                });
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine(e.Message);
            return null;
        }
    }

    private static void LogChecked(ILogger logger, SkillCheckResult result)
    {
        switch (result.Outcome)
        {
            case SkillCheckOutcome.Quarantined:
                WatchLog.Quarantined(logger, result.Path, result.Record?.QuarantinePath, result.Record?.Reason);
                break;
            case SkillCheckOutcome.Clean:
                WatchLog.Clean(logger, result.Path);
                break;
            case SkillCheckOutcome.Unchanged:
                WatchLog.Unchanged(logger, result.Path);
                break;
            default:
                WatchLog.Skipped(logger, result.Path);
                break;
        }
    }
}
