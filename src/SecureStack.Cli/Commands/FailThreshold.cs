using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Cli.Commands;

/// <summary><c>scan --fail-on</c>: a verdict (suspicious, malicious) or, as before verdicts existed, a finding severity.</summary>
internal sealed record FailThreshold(VerdictLevel? Verdict, Severity? Severity)
{
    public static FailThreshold Parse(string value) => Enum.TryParse<VerdictLevel>(value, ignoreCase: true, out var verdict) && verdict > VerdictLevel.Clean
        ? new FailThreshold(verdict, null)
        : new FailThreshold(null, Enum.Parse<Severity>(value, ignoreCase: true));

    public static FailThreshold Of(Severity severity) => new(null, severity);

    public bool Flags(ScanReport report) => Verdict is { } v ? report.IsFlagged(v) : report.IsFlagged(Severity!.Value);
}
