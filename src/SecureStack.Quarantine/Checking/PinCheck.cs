using System.Globalization;
using SecureStack.Audit;
using SecureStack.Quarantine.State;
using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine.Checking;

/// <summary>
/// The one place a scan is compared with its pin (the checksum approved for the skill folder's name by the install
/// policy, <c>scan --pin</c> or an override). A changed pinned skill has one outcome wherever it is found: the report
/// gets a decisive <c>SS-PIN-MISMATCH</c> finding and a malicious verdict, and a <c>skill_pin_mismatch</c> event is audited.
/// </summary>
internal static class PinCheck
{
    /// <summary>The scanner's catalogue lists this id, so SARIF output describes the finding.</summary>
    public const string RuleId = "SS-PIN-MISMATCH";

    /// <summary>The pin key: the folder a skill is installed in (OpenClaw's install target name).</summary>
    public static string PinName(string skillPath) => Path.GetFileName(Path.TrimEndingDirectorySeparator(skillPath));

    /// <summary>The report unchanged when the skill has no pin or still matches it, else the report judged as a changed pinned skill.</summary>
    public static ScanReport Apply(SkillPin? pin, ScanReport report, string path, IAuditLog audit)
    {
        if (pin is null || pin.Checksum == report.Checksum)
        {
            return report;
        }

        QuarantineAudit.Event(audit, AuditEventType.SkillScan, "skill_pin_mismatch", AuditResult.Flagged, RiskLevel.High, null,
            new() { ["skill"] = report.SkillName, ["path"] = path, ["pinned"] = pin.Checksum, ["checksum"] = report.Checksum });
        var finding = new ScanFinding(RuleId, "Pinned skill changed", Severity.Critical, "SKILL.md", 1, 1,
            $"pinned {pin.Checksum[..12]}, now {report.Checksum[..12]}",
            string.Create(CultureInfo.InvariantCulture, $"the skill changed since it was pinned on {pin.PinnedAt:u}"));
        var decisive = 2 * VerdictWeights.Default.Critical;
        var verdict = report.Verdict;
        return report with
        {
            Findings = [finding, .. report.Findings],
            Verdict = new SkillVerdict(VerdictLevel.Malicious, verdict.Score + decisive,
                [new DecidingFinding(finding, FindingContext.Skill, decisive, "decisive on its own"), .. verdict.Deciding], verdict.Reasons),
        };
    }

    /// <summary>Why a changed pinned skill is quarantined.</summary>
    public static string Reason(SkillPin pin, ScanReport report) =>
        $"changed after it was approved (pinned checksum {pin.Checksum}, now {report.Checksum})";

    public static bool Mismatches(SkillPin? pin, ScanReport report) => pin is not null && pin.Checksum != report.Checksum;
}
