using System.Net;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests.OpenClaw;

/// <summary>
/// The real gateway in trusted-proxy mode (trustedProxies 127.0.0.1, allowLoopback, identity scopes for
/// "alice") behind two proxies in trusted-proxy mode: one that takes the client address from a trusted
/// forwarder in front of it (how a remote client looks on one machine), one that sees the loopback client.
/// </summary>
public sealed class OpenClawTrustedProxyFixture : IAsyncLifetime
{
    public const string UiOrigin = "http://ui.test";

    public FakeModelProvider Provider { get; } = new();

    public OpenClawGateway Gateway { get; private set; } = null!;

    /// <summary>Trusts X-Forwarded-For from 127.0.0.1 (a TLS terminator in front of it).</summary>
    internal TestProxy BehindForwarder { get; private set; } = null!;

    /// <summary>Sees its clients as they connect: 127.0.0.1.</summary>
    internal TestProxy Direct { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.StartAsync();
        Gateway = await OpenClawGateway.StartAsync(new OpenClawGatewayOptions
        {
            ProviderBaseUrl = Provider.BaseUrl,
            AuthMode = "trusted-proxy",
            TrustedProxies = ["127.0.0.1"],
            AllowLoopback = true,
            IdentityScopes = new Dictionary<string, string[]> { ["alice"] = ["operator.read", "operator.write"] },
            AllowedOrigins = [UiOrigin],
        });
        ProxyOptions TrustedProxy(ProxyOptions o) => o with
        {
            IdentityMode = IdentityMode.TrustedProxy,
            GatewayToken = null,
            AllowedOrigins = [UiOrigin],
            UpstreamTimeout = TimeSpan.FromSeconds(120),
        };
        BehindForwarder = await TestProxy.StartAsync(Gateway.Url, o => TrustedProxy(o) with { TrustedForwarders = [IPAddress.Loopback] });
        Direct = await TestProxy.StartAsync(Gateway.Url, TrustedProxy);
    }

    public async Task DisposeAsync()
    {
        await BehindForwarder.DisposeAsync();
        await Direct.DisposeAsync();
        await Gateway.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
