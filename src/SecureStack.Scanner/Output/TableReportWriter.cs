using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Output;

/// <summary>A readable summary per skill, with ANSI colours when writing to a terminal.</summary>
public static class TableReportWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<ScanReport> reports, bool color)
    {
        foreach (var report in reports)
        {
            // The verdict comes first, with the findings that decided it; every finding follows.
            var verdict = report.Verdict;
            var ci = System.Globalization.CultureInfo.InvariantCulture;
            writer.WriteLine($"{Paint(report.SkillName, "1", color)}  {Paint(verdict.Level.ToString().ToUpperInvariant(), Colour(verdict.Level), color)}  score {verdict.Score.ToString(ci)}  trust {report.TrustScore?.Overall?.ToString(ci) ?? "unknown"}  sha256 {report.Checksum[..12]}  {report.DurationMs} ms");
            writer.WriteLine($"  {report.SkillPath}");
            foreach (var deciding in verdict.Deciding)
            {
                writer.WriteLine($"  decided by {deciding.Finding.RuleId} {deciding.Finding.File}:{deciding.Finding.Line} (+{deciding.Points.ToString(ci)}, {deciding.Context.ToString().ToLowerInvariant()}): {deciding.Why}");
            }
            foreach (var reason in verdict.Reasons)
            {
                writer.WriteLine($"  and {reason}");
            }
            foreach (var finding in report.Findings)
            {
                var severity = finding.Severity.ToString().ToUpperInvariant().PadRight(8);
                writer.WriteLine($"  {Paint(severity, Colour(finding.Severity), color)} {finding.RuleId,-26} {finding.File}:{finding.Line}:{finding.Column}");
                writer.WriteLine($"           {finding.Message}");
                if (finding.Snippet.Length > 0)
                {
                    writer.WriteLine($"           {Paint("> " + finding.Snippet, "2", color)}");
                }
            }
            writer.WriteLine();
        }
        var malicious = reports.Count(r => r.Verdict.Level == VerdictLevel.Malicious);
        var suspicious = reports.Count(r => r.Verdict.Level == VerdictLevel.Suspicious);
        writer.WriteLine($"{reports.Count} skill(s) scanned: {malicious} malicious, {suspicious} suspicious, {reports.Count - malicious - suspicious} clean; {reports.Sum(r => r.Findings.Count)} finding(s)");
    }

    private static string Colour(VerdictLevel level) => level switch
    {
        VerdictLevel.Malicious => "1;31",
        VerdictLevel.Suspicious => "33",
        _ => "32",
    };

    private static string Colour(Severity? severity) => severity switch
    {
        Severity.Critical => "1;31",
        Severity.High => "31",
        Severity.Medium => "33",
        Severity.Low => "36",
        Severity.Info => "2",
        _ => "32",
    };

    private static string Paint(string text, string code, bool color) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
