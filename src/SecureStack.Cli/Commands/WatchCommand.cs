using System.CommandLine;
using Microsoft.Extensions.Logging;
using SecureStack.Audit.Logging;
using SecureStack.Quarantine;
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
        var command = new Command("watch",
            "Watch every skill root (file-system events plus a periodic sweep); scan new or changed skills once their writes settle and "
            + "move flagged ones to quarantine. Skills changed after an override are re-quarantined. Runs until interrupted.\n"
            + "Exit codes: 0 stopped by a signal, 2 usage or configuration error.")
        {
            settle,
            sweep,
            quiet,
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

            SkillWatcher watcher;
            try
            {
                watcher = new SkillWatcher(opened.Manager, new WatchOptions
                {
                    Settle = TimeSpan.FromMilliseconds(parse.GetValue(settle)),
                    SweepInterval = TimeSpan.FromSeconds(parse.GetValue(sweep)),
                });
            }
            catch (QuarantineConfigurationException e)
            {
                error.WriteLine(e.Message);
                return CliApp.UsageOrIoError;
            }

            // Created before the watcher, disposed after it: events raised while it stops are still written.
            using var loggerFactory = LoggerFactory.Create(logging =>
            {
                logging.AddServiceLog();
                if (parse.GetValue(quiet))
                {
                    logging.SetMinimumLevel(LogLevel.Warning);
                }
            });
            var logger = loggerFactory.CreateLogger("SecureStack.Quarantine.Watch");
            await using (watcher)
            {
                watcher.Checked += result => LogChecked(logger, result);
                watcher.Failed += (path, e) => WatchLog.Failed(logger, e, path);
                watcher.Swept += count => WatchLog.Swept(logger, count, string.Join(':', opened.Manager.Options.SkillRoots));
                await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
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
