namespace SecureStack.Scanner.Tests.Evasions;

/// <summary>The evasion tests share one scanner: building one compiles every query, which costs more than most of these tests.</summary>
[CollectionDefinition(Name)]
public sealed class EvasionCollection : ICollectionFixture<ScannerFixture>
{
    public const string Name = "Evasions";
}
