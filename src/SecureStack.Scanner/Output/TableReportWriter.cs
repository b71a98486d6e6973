namespace SecureStack.Scanner.Output;

/// <summary>A readable summary per skill, with ANSI colours when writing to a terminal.</summary>
public static class TableReportWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<ScanReport> reports, bool color)
    {
        foreach (var report in reports)
        {
            var worst = report.MaxSeverity;
            var verdict = worst is null ? "clean" : worst.Value.ToString().ToUpperInvariant();
            writer.WriteLine($"{Paint(report.SkillName, "1", color)}  {Paint(verdict, Colour(worst), color)}  trust {report.TrustScore?.Overall?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}  sha256 {report.Checksum[..12]}  {report.DurationMs} ms");
            writer.WriteLine($"  {report.SkillPath}");
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
        var flagged = reports.Count(r => r.IsFlagged(Severity.High));
        writer.WriteLine($"{reports.Count} skill(s) scanned, {flagged} flagged at high or critical, {reports.Sum(r => r.Findings.Count)} finding(s)");
    }

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
