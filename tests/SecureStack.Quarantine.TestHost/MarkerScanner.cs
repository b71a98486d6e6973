using System.Security.Cryptography;
using System.Text;
using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine.TestHost;

/// <summary>
/// A deterministic scanner for quarantine's state-machine tests: a line containing <c>MALICIOUS-MARKER</c> is a
/// critical finding and a malicious verdict, <c>SUSPICIOUS-MARKER</c> a medium one and a suspicious verdict. The
/// acceptance tests use the real scanner.
/// </summary>
public sealed class MarkerScanner : ISkillScanner
{
    public const string Malicious = "MALICIOUS-MARKER";
    public const string Suspicious = "SUSPICIOUS-MARKER";

    public int Scans { get; private set; }

    public string Checksum(string skillDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(skillDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(skillDirectory, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public ScanReport Scan(string skillDirectory)
    {
        Scans++;
        var findings = new List<ScanFinding>();
        foreach (var file in Directory.EnumerateFiles(skillDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var relative = Path.GetRelativePath(skillDirectory, file);
                if (lines[i].Contains(Malicious, StringComparison.Ordinal))
                {
                    findings.Add(new ScanFinding("TEST_MALICIOUS", "Test malicious marker", Severity.Critical, relative, i + 1, 1, lines[i], "marker for a malicious line"));
                }
                else if (lines[i].Contains(Suspicious, StringComparison.Ordinal))
                {
                    findings.Add(new ScanFinding("TEST_SUSPICIOUS", "Test suspicious marker", Severity.Medium, relative, i + 1, 1, lines[i], "marker for a suspicious line"));
                }
            }
        }

        var level = findings.Any(f => f.Severity == Severity.Critical) ? VerdictLevel.Malicious : findings.Count > 0 ? VerdictLevel.Suspicious : VerdictLevel.Clean;
        var deciding = findings.Select(f => new DecidingFinding(f, FindingContext.Code, f.Severity == Severity.Critical ? 10 : 5, f.Message)).ToList();
        return new ScanReport(Path.GetFileName(skillDirectory), skillDirectory, Checksum(skillDirectory), findings, null, DateTimeOffset.UtcNow, 0)
        {
            Verdict = new SkillVerdict(level, deciding.Sum(d => d.Points), deciding, []),
        };
    }
}
