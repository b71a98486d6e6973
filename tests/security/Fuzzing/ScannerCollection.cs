namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>The test classes that share <see cref="ScannerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ScannerCollection : ICollectionFixture<ScannerFixture>
{
    public const string Name = "fuzz-scanner";
}
