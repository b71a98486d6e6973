namespace SecureStack.Scanner.Tests;

/// <summary>One scanner over the repository's rule file, shared by a test class.</summary>
public sealed class ScannerFixture : IDisposable
{
    public ScannerFixture()
    {
        Scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });
    }

    public SkillScanner Scanner { get; }

    public void Dispose() => Scanner.Dispose();
}
