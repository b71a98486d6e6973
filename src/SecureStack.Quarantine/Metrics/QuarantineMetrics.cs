using System.Diagnostics.Metrics;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine.Metrics;

/// <summary>
/// Detection counters of the skill guard: scanner verdicts, completed quarantines and install-policy answers, each
/// recorded where the decision is reported. A library without a container, so one process-wide meter; the watcher
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

    private static readonly Counter<long> InstallPolicyAnswers = Meter.CreateCounter<long>(
        "securestack.install_policy.decisions", "{decision}", "Install-policy answers to OpenClaw, by decision (allow, warn, block).");

    static QuarantineMetrics()
    {
        // The watcher's series start at 0 at its first scan, so they are exported (and rate() works) before the first
        // flagged skill. Install-policy answers are not: the install-policy command is a short process of its own.
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

    /// <param name="decision">One of the three protocol words of <see cref="InstallPolicy.InstallPolicyDecision"/>.</param>
    internal static void Answered(string decision) => InstallPolicyAnswers.Add(1, new KeyValuePair<string, object?>("decision", decision));
}
