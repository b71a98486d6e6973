namespace SecureStack.Cli.Commands;

/// <summary>What <c>securestack scan</c> does with the quarantine database: pin, quarantine, or only check pins.</summary>
internal sealed record ScanState(bool Pin, bool Quarantine, string? Database, string? AuditLog);
