using SecureStack.Scanner;

namespace SecureStack.Quarantine.State;

/// <summary>Everything needed to finish quarantining a skill, stored with the move intent so recovery can complete it.</summary>
internal sealed record QuarantineTicket(
    string Name,
    string OriginalPath,
    string EntryDirectory,
    string QuarantinePath,
    string Checksum,
    IReadOnlyList<ScanFinding> Findings,
    int? TrustScore,
    DateTimeOffset ScannedAt,
    string Reason);
