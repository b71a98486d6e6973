using System.Diagnostics.Metrics;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine.Metrics;

/// <summary>
/// Detection counters of the skill guard: scanner verdicts and completed quarantines, each recorded where the decision
/// is reported, and install-policy answers, which the short-lived hook counts in the quarantine database and the
/// watcher reads from there at each scrape. A library without a container, so one process-wide meter; the watcher
/// (<c>securestack watch --metrics-listen</c>) exports it.
/// </summary>
public static class QuarantineMetrics
{
    public const string MeterName = "SecureStack.Quarantine";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Verdicts = Meter.CreateCounter<long>(
        "securestack.skill.verdicts", "{skill}", "Skill scans, by the scanner's verdict (clean, suspicious, malicious).");

    private static readonly Counter<long> Quarantines = Meter.CreateCounter<long>(
        "securestack.skill.quarantines", "{skill}", "Skills moved into quarantine (including moves finished after a crash).");

    private static readonly string[] Decisions = ["allow", "warn", "block"];

    private static Func<IReadOnlyDictionary<string, long>>? _installDecisions;

    static QuarantineMetrics()
    {
        Meter.CreateObservableCounter("securestack.install_policy.decisions", ObserveInstallDecisions, "{decision}",
            "Install-policy answers to OpenClaw, by decision (allow, warn, block), as counted in the quarantine database.");

        // The watcher's series start at 0 at its first scan, so they are exported (and rate() works) before the first
        // flagged skill.
        foreach (var verdict in Enum.GetValues<VerdictLevel>())
        {
            Scanned(verdict, 0);
        }

        Quarantines.Add(0);
    }

    internal static void Scanned(VerdictLevel verdict, long count = 1) =>
        Verdicts.Add(count, new KeyValuePair<string, object?>("verdict", verdict switch
        {
            VerdictLevel.Malicious => "malicious",
            VerdictLevel.Suspicious => "suspicious",
            _ => "clean",
        }));

    internal static void Quarantined() => Quarantines.Add(1);

    /// <summary>
    /// Exports the install-policy answers counted in <paramref name="manager"/>'s database (the watcher does, for the
    /// hook's processes, which end before any scrape); every decision word from 0.
    /// </summary>
    public static void ExportInstallDecisions(QuarantineManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        Volatile.Write(ref _installDecisions, manager.InstallDecisions);
    }

    private static IEnumerable<Measurement<long>> ObserveInstallDecisions()
    {
        if (Volatile.Read(ref _installDecisions) is not { } read)
        {
            return [];
        }

        IReadOnlyDictionary<string, long> counts;
        try
        {
            counts = read();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or State.QuarantineStateException or IOException)
        {
            // A busy or unreadable database skips one scrape; the counts are still there for the next.
            return [];
        }

        return [.. Decisions.Select(d => new Measurement<long>(counts.GetValueOrDefault(d), new KeyValuePair<string, object?>("decision", d)))];
    }
}
