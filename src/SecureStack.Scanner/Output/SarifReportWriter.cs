using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecureStack.Scanner.Output.Sarif;
using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Output;

/// <summary>
/// SARIF 2.1.0: every rule in the driver (stable ids), one result per finding with a partial fingerprint that
/// survives line moves (rule, skill, file, snippet), and each skill as an artifact with its checksum.
/// </summary>
public static class SarifReportWriter
{
    private const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(Stream stream, IReadOnlyList<ScanReport> reports, IReadOnlyList<RuleDescriptor> rules, string workingDirectory)
    {
        var ordered = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = ordered.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var results = new List<SarifResult>();
        foreach (var report in reports)
        {
            foreach (var finding in report.Findings)
            {
                var file = Path.Combine(Directory.Exists(report.SkillPath) ? report.SkillPath : Path.GetDirectoryName(report.SkillPath)!, finding.File);
                results.Add(new SarifResult(
                    finding.RuleId,
                    index.TryGetValue(finding.RuleId, out var i) ? i : -1,
                    Level(report.Verdict, finding),
                    new SarifText(finding.Message),
                    [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(Uri(file, workingDirectory)), new SarifRegion(Math.Max(1, finding.Line), Math.Max(1, finding.Column), new SarifText(finding.Snippet))))],
                    new Dictionary<string, string> { ["securestack/v1"] = Fingerprint(report.SkillName, finding) }));
            }
        }
        var log = new SarifLog(Schema, "2.1.0",
        [
            new SarifRun(
                new SarifTool(new SarifDriver("securestack-scanner", typeof(SarifReportWriter).Assembly.GetName().Version?.ToString() ?? "1.0.0", "https://github.com/openclaw-secure-stack",
                    [.. ordered.Select(r => new SarifRule(r.Id, r.Name, new SarifText(r.Name), new SarifText(r.Description), new SarifConfiguration(Level(r.Severity)),
                        new SarifRuleProperties(SecuritySeverity(r.Severity), ["security", "openclaw-skill"])))])),
                results,
                [.. reports.Select(r => new SarifArtifact(new SarifArtifactLocation(Uri(r.SkillPath, workingDirectory)), new Dictionary<string, string> { ["sha-256"] = r.Checksum }))]),
        ]);
        JsonSerializer.Serialize(stream, log, SarifJsonContext.Default.SarifLog);
    }

    /// <summary>A result's level follows the verdict: a finding that decided a malicious verdict is an error, one that decided a suspicious verdict a warning, any other a note.</summary>
    private static string Level(SkillVerdict verdict, ScanFinding finding) =>
        !verdict.Deciding.Any(d => ReferenceEquals(d.Finding, finding) || d.Finding == finding) ? "note"
        : verdict.Level switch
        {
            VerdictLevel.Malicious => "error",
            VerdictLevel.Suspicious => "warning",
            _ => "note",
        };

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };

    private static string Fingerprint(string skill, ScanFinding finding)
    {
        var text = string.Join('\n', finding.RuleId, skill, finding.File, finding.Snippet);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private static string Uri(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        var usable = relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        var escaped = string.Join('/', usable.Split('/').Select(System.Uri.EscapeDataString));
        return Path.IsPathRooted(usable) ? "file://" + escaped : escaped.ToString(CultureInfo.InvariantCulture);
    }
}
