namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>The test classes that share <see cref="RelayFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RelayCollection : ICollectionFixture<RelayFixture>
{
    public const string Name = "fuzz-relay";
}
