using SecureStack.Scanner;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>One skill scanner over the shipped rules (loading them takes seconds) for the scanner properties and regressions.</summary>
public sealed class ScannerFixture : IDisposable
{
    internal SkillScanner Scanner { get; } = SkillScanner.Create(new ScannerOptions { RulesPath = FuzzPaths.ScannerRules });

    public void Dispose() => Scanner.Dispose();
}
