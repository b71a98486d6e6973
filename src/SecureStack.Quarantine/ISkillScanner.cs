using SecureStack.Scanner;

namespace SecureStack.Quarantine;

/// <summary>What quarantine needs from the scanner: a skill folder's checksum (cheap) and a full scan.</summary>
public interface ISkillScanner
{
    /// <summary>The skill checksum (SHA-256 over the canonical manifest) of a skill folder.</summary>
    string Checksum(string skillDirectory);

    /// <summary>Scans one skill folder; throws when scanning is impossible (callers fail closed).</summary>
    ScanReport Scan(string skillDirectory);
}
