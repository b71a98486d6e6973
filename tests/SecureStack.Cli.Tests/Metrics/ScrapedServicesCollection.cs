namespace SecureStack.Cli.Tests.Metrics;

/// <summary>One start of the three services (about 15 s) for every test that reads their scrapes.</summary>
[CollectionDefinition(Name)]
public sealed class ScrapedServicesCollection : ICollectionFixture<ScrapedServices>
{
    public const string Name = "scraped services";
}
