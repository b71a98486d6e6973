using System.Text;
using System.Text.Json;

namespace SecureStack.Cli.Doctor;

/// <summary>All results, the score out of 100 (share of checks passed) and the two output formats.</summary>
internal sealed class DoctorReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public DoctorReport(IReadOnlyList<CheckResult> results)
    {
        Results = results;
    }

    public IReadOnlyList<CheckResult> Results { get; }

    public int Passed => Results.Count(r => r.Passed);

    public int Failed => Results.Count - Passed;

    /// <summary>Rounded down, so any failure keeps the score below 100.</summary>
    public int Score => Results.Count == 0 ? 0 : Passed * 100 / Results.Count;

    public IEnumerable<CheckResult> Failures => Results.Where(r => !r.Passed);

    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var result in Results)
        {
            text.Append(result.Warning ? "WARN  " : result.Passed ? "PASS  " : "FAIL  ").Append(result.Id).Append("  [").Append(result.Target).Append("]  ")
                .AppendLine(result.Message);
            if (!result.Passed || result.Warning)
            {
                text.Append("      fix: ").AppendLine(result.Fix);
            }
        }
        text.Append("score: ").Append(Score).Append("/100 (").Append(Passed).Append(" of ").Append(Results.Count)
            .AppendLine(" checks passed)");
        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(
        new { Score, Passed, Failed, Checks = Results }, JsonOptions);
}
