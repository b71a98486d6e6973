using SecureStack.Quarantine;
using SecureStack.Scanner;

namespace SecureStack.Cli.Commands;

/// <summary>A scanner created on first scan, so read-only commands need no rule file unless something must be scanned.</summary>
internal sealed class DeferredSkillScanner(Func<SkillScanner> create) : ISkillScanner, IDisposable
{
    private SkillScanner? _engine;

    public string Checksum(string skillDirectory) => SkillScanner.ComputeChecksum(skillDirectory);

    public ScanReport Scan(string skillDirectory) => (_engine ??= create()).Scan(skillDirectory);

    public void Dispose() => _engine?.Dispose();
}
