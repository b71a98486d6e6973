namespace SecureStack.Security.Tests.Scenarios;

/// <summary>Every scenario class shares one stack: the gateway alone takes 20–40 s and 1.3 GiB to start.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<SecureStackFixture>
{
    public const string Name = "Scenarios stack";
}
