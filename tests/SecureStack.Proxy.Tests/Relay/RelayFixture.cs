using System.Security.Cryptography;
using System.Text;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;
using SecureStack.Proxy.Prompts;

namespace SecureStack.Proxy.Tests.Relay;

/// <summary>
/// The fake model provider as the "real" provider behind the proxy's model relay (<c>/relay/fake/v1</c>),
/// with a generated relay key and a generated "real" provider key, shared by a test class.
/// </summary>
public sealed class RelayFixture : IAsyncLifetime
{
    public FakeModelProvider Provider { get; } = new();

    public string RelayKey { get; } = "relay-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string ProviderKey { get; } = "real-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal TestProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        Proxy = await StartProxyAsync(ToolResultMode.Flag, SecretMode.Redact);
    }

    internal Task<TestProxy> StartProxyAsync(ToolResultMode toolResults, SecretMode secrets) =>
        TestProxy.StartAsync(Provider.Root, o => o with
        {
            Prompts = new PromptSettings
            {
                RulesPath = Sanitizing.RulesFile.Path,
                Relay = new RelayOptions { ToolResults = toolResults, Secrets = secrets },
            },
            Relay = new RelaySettings
            {
                Providers = [new RelayProvider("fake", new Uri(Provider.BaseUrl), ProviderKey)],
                KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(RelayKey)),
            },
        });

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
