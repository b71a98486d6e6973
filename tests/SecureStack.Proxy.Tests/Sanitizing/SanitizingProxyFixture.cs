using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Tests.Sanitizing;

/// <summary>A recording fake upstream behind the proxy with the real rule file loaded, shared by a test class.</summary>
public sealed class SanitizingProxyFixture : IAsyncLifetime
{
    public FakeModelProvider Upstream { get; } = new();

    internal TestProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Upstream.StartAsync();
        Proxy = await TestProxy.StartAsync(Upstream.Root, o => o with { Prompts = new PromptSettings { RulesPath = RulesFile.Path }, MaxBodyBytes = 256 * 1024 });
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
