namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>One relay harness (its rules compile once, which takes seconds) for the relay properties and regressions.</summary>
public sealed class RelayFixture : IDisposable
{
    private readonly FuzzAuditLog _audit = new();

    public RelayFixture()
    {
        Harness = new RelayHarness(_audit);
    }

    internal RelayHarness Harness { get; }

    public void Dispose() => _audit.Dispose();
}
