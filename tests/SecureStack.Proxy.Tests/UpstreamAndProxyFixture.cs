namespace SecureStack.Proxy.Tests;

/// <summary>A recording fake upstream with the proxy in front (token mode, small limits), shared by a test class.</summary>
public sealed class UpstreamAndProxyFixture : IAsyncLifetime
{
    public FakeModelProvider Upstream { get; } = new();

    internal TestProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Upstream.StartAsync();
        Proxy = await TestProxy.StartAsync(Upstream.Root, o => o with
        {
            MaxBodyBytes = 1024 * 1024,
            MaxHeaderBytes = 8 * 1024,
            HeaderTimeout = TimeSpan.FromSeconds(2),
            AllowedOrigins = ["http://ui.test"],
        });
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
