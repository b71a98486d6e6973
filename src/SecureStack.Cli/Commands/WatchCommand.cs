using System.CommandLine;
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
            var output = parse.InvocationConfiguration.Output;
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

            MetricsListener? metrics;
            try
            {
                metrics = await MetricsListenOption.StartAsync(parse, metricsListen, "securestack-watcher", [QuarantineMetrics.MeterName], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                await watcher.DisposeAsync().ConfigureAwait(false);
                error.WriteLine($"securestack watch: {e.Message}");
                return CliApp.UsageOrIoError;
            }

            await using (metrics)
            await using (watcher)
            {
                var gate = new object();
                var beQuiet = parse.GetValue(quiet);
                watcher.Checked += result =>
                {
                    if (beQuiet && result.Outcome != SkillCheckOutcome.Quarantined)
                    {
                        return;
                    }

                    lock (gate)
                    {
                        output.WriteLine(result.Outcome switch
                        {
                            SkillCheckOutcome.Quarantined => $"QUARANTINED {result.Path} -> {result.Record?.QuarantinePath}: {result.Record?.Reason}",
                            SkillCheckOutcome.Clean => $"clean       {result.Path}",
                            SkillCheckOutcome.Unchanged => $"unchanged   {result.Path}",
                            _ => $"skipped     {result.Path}",
                        });
                        output.Flush();
                    }
                };
                watcher.Failed += (path, e) =>
                {
                    lock (gate)
                    {
                        error.WriteLine($"error       {path}: {e.Message} (retried on the next change or sweep)");
                        error.Flush();
                    }
                };
                watcher.Swept += count =>
                {
                    if (!beQuiet)
                    {
                        lock (gate)
                        {
                            output.WriteLine($"swept       {count} skill(s) in {string.Join(':', opened.Manager.Options.SkillRoots)}");
                            output.Flush();
                        }
                    }
                };
                await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
