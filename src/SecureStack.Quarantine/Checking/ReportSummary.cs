using System.Globalization;
using SecureStack.Scanner;

namespace SecureStack.Quarantine.Checking;

/// <summary>One line on why a report's verdict is what it is, for the quarantine notice and refusals.</summary>
internal static class ReportSummary
{
    public static string Describe(ScanReport report)
    {
        var top = report.Verdict.Deciding.Take(3)
            .Select(d => $"{d.Finding.RuleId} in {d.Finding.File}:{d.Finding.Line.ToString(CultureInfo.InvariantCulture)}");
        return report.Verdict.Deciding.Count == 0
            ? $"judged {report.Verdict.Level.ToString().ToLowerInvariant()} by the scanner"
            : string.Create(CultureInfo.InvariantCulture, $"{report.Verdict.Level.ToString().ToLowerInvariant()} (score {report.Verdict.Score}): {string.Join(", ", top)}");
    }
}
