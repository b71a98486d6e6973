using SecureStack.Scanner;

namespace SecureStack.Quarantine;

/// <summary>The real tree-sitter scanner behind <see cref="ISkillScanner"/>.</summary>
public sealed class SkillScannerAdapter(SkillScanner scanner) : ISkillScanner
{
    public string Checksum(string skillDirectory) => SkillScanner.ComputeChecksum(skillDirectory);

    public ScanReport Scan(string skillDirectory) => scanner.Scan(skillDirectory);
}
