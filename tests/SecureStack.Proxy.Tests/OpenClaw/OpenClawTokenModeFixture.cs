using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests.OpenClaw;

/// <summary>
/// Fake model provider → real OpenClaw gateway (token auth) → our proxy in token mode, shared by one test class.
/// The first agent turn warms the gateway up (5–10 s) so the tests' own turns are fast.
/// </summary>
public sealed class OpenClawTokenModeFixture : IAsyncLifetime
{
    public const string UiOrigin = "http://ui.test";

    public FakeModelProvider Provider { get; } = new();

    public string HooksToken { get; } = "hooks-" + Guid.NewGuid().ToString("N");

    public OpenClawGateway Gateway { get; private set; } = null!;

    internal TestProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        Gateway = await OpenClawGateway.StartAsync(new OpenClawGatewayOptions { ProviderBaseUrl = Provider.BaseUrl, AllowedOrigins = [UiOrigin], HooksToken = HooksToken });
        Proxy = await TestProxy.StartAsync(Gateway.Url, o => o with
        {
            IdentityMode = IdentityMode.Token,
            GatewayToken = Gateway.Token,
            AllowedOrigins = [UiOrigin],
            UpstreamTimeout = TimeSpan.FromSeconds(120),
        });
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
