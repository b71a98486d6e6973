using System.Security.Cryptography;
using System.Text;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Tests.Sanitizing;

/// <summary>
/// The whole path, shared by one test class: client → proxy (sanitizer on) → real OpenClaw gateway, whose
/// model provider's baseUrl is the proxy's relay (<c>/relay/fake/v1</c>) → fake model provider. The gateway
/// holds only the relay key ("fake-key", as the gateway fixture configures it); the provider sees a
/// generated "real" key.
/// </summary>
public sealed class OpenClawSanitizingFixture : IAsyncLifetime
{
    public const string RelayKeyOfTheGateway = "fake-key";

    public FakeModelProvider Provider { get; } = new();

    public string ProviderKey { get; } = "real-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string HooksToken { get; } = "hooks-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public OpenClawGateway Gateway { get; private set; } = null!;

    internal TestProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        // The gateway needs the relay's address before the proxy can be given the gateway's: fix the proxy's port first.
        var port = FreePort.Next();
        Gateway = await OpenClawGateway.StartAsync(new OpenClawGatewayOptions { ProviderBaseUrl = $"http://127.0.0.1:{port}/relay/fake/v1", HooksToken = HooksToken });
        Proxy = await TestProxy.StartAsync(Gateway.Url, o => o with
        {
            Listen = [new Uri($"http://127.0.0.1:{port}")],
            IdentityMode = IdentityMode.Token,
            GatewayToken = Gateway.Token,
            UpstreamTimeout = TimeSpan.FromSeconds(120),
            Prompts = new PromptSettings { RulesPath = RulesFile.Path },
            // The test token is this stack's operator: admin methods pass the method policy, so what the sanitizer does with them shows.
            WebSocketOperators = ["alice"],
            Relay = new RelaySettings
            {
                Providers = [new RelayProvider("fake", new Uri(Provider.BaseUrl), ProviderKey)],
                KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(RelayKeyOfTheGateway)),
            },
        });
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
