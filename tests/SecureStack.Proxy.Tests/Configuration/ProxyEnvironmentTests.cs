using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests.Configuration;

public sealed class ProxyEnvironmentTests
{
    private const string Token = "a-client-token-long-enough-0123";

    private static ProxyOptions Read(params (string Name, string Value)[] settings)
    {
        var env = settings.ToDictionary(s => s.Name, s => s.Value);
        return ProxyEnvironment.Read(name => env.GetValueOrDefault(name));
    }

    private static string ErrorOf(params (string Name, string Value)[] settings) =>
        Assert.Throws<ProxyConfigurationException>(() => Read(settings)).Message;

    [Fact]
    public void Read_WithoutUpstream_NamesUpstreamUrl() =>
        Assert.Contains("UPSTREAM_URL", ErrorOf(("API_TOKEN", Token)));

    [Fact]
    public void Read_WithoutTokens_NamesApiToken() =>
        Assert.Contains("API_TOKEN", ErrorOf(("UPSTREAM_URL", "http://127.0.0.1:18789")));

    [Fact]
    public void Read_ShortApiToken_IsRefused() =>
        Assert.Contains("API_TOKEN must be at least", ErrorOf(("API_TOKEN", "short"), ("UPSTREAM_URL", "http://127.0.0.1:1")));

    [Fact]
    public void Read_MalformedApiTokensEntry_IsRefusedWithoutEchoingIt()
    {
        var message = ErrorOf(("API_TOKENS", "alice:abcd,raw-secret-pasted-here"), ("UPSTREAM_URL", "http://127.0.0.1:1"));
        Assert.Contains("API_TOKENS entry 1", message);
        Assert.DoesNotContain("raw-secret-pasted-here", message);
    }

    [Fact]
    public void Read_ParsesNamedTokensListenAndLimits()
    {
        var hash = ProxyEnvironment.HashToken(Token);
        var options = Read(
            ("API_TOKEN", Token),
            ("API_TOKENS", $"alice:{hash} bob:{new string('a', 64)}"),
            ("UPSTREAM_URL", "http://127.0.0.1:18789"),
            ("PROXY_LISTEN", "http://127.0.0.1:9000, http://127.0.0.1:9001"),
            ("PROXY_LOCKOUT_THRESHOLD", "7"),
            ("PROXY_LOCKOUT_GLOBAL_THRESHOLD", "50"),
            ("PROXY_MAX_WS_MESSAGE_BYTES", "65536"),
            ("PROXY_AUDIT_AUTH_SUCCESS", "sample:10"),
            ("PROXY_BLOCKED_METHODS", "none"));
        Assert.Equal(["default", "alice", "bob"], options.Tokens.Select(t => t.Name));
        Assert.Equal(options.Tokens[0].Sha256, options.Tokens[1].Sha256);
        Assert.Equal([9000, 9001], options.Listen.Select(l => l.Port));
        Assert.Equal(7, options.LockoutThreshold);
        Assert.Equal(50, options.EffectiveLockoutGlobalThreshold);
        Assert.Equal(28, (options with { LockoutGlobalThreshold = null }).EffectiveLockoutGlobalThreshold);
        Assert.Equal(65536, options.MaxWebSocketMessageBytes);
        Assert.Equal(AuthSuccessAudit.Sampled, options.AuthSuccessAudit);
        Assert.Equal(10, options.AuthSuccessSampleRate);
        Assert.Empty(options.BlockedMethods);
        Assert.Equal(IdentityMode.TrustedProxy, options.IdentityMode);
    }

    [Fact]
    public void Read_TokenModeWithoutGatewayToken_NamesOpenClawGatewayToken() =>
        Assert.Contains("OPENCLAW_GATEWAY_TOKEN",
            ErrorOf(("API_TOKEN", Token), ("UPSTREAM_URL", "http://127.0.0.1:1"), ("PROXY_IDENTITY_MODE", "token")));

    [Fact]
    public void Read_HttpsListenWithoutCertificate_NamesTlsSettings() =>
        Assert.Contains("TLS_CERT_PATH",
            ErrorOf(("API_TOKEN", Token), ("UPSTREAM_URL", "http://127.0.0.1:1"), ("PROXY_LISTEN", "https://0.0.0.0:8443")));

    [Theory]
    [InlineData("PROXY_IDENTITY_MODE", "both")]
    [InlineData("PROXY_LOCKOUT_THRESHOLD", "five")]
    [InlineData("PROXY_LOCKOUT_THRESHOLD", "0")]
    [InlineData("PROXY_LOCKOUT_GLOBAL_THRESHOLD", "2")]
    [InlineData("PROXY_MAX_BODY_BYTES", "-1")]
    [InlineData("PROXY_RATE_LIMIT", "fast")]
    [InlineData("PROXY_AUDIT_AUTH_SUCCESS", "sample:0")]
    [InlineData("PROXY_ALLOWED_ORIGINS", "https://ui.example/")]
    [InlineData("PROXY_USER_HEADER", "x user")]
    [InlineData("PROXY_LISTEN", "ftp://127.0.0.1:21")]
    [InlineData("UPSTREAM_URL", "http://127.0.0.1:18789/api")]
    [InlineData("PROXY_SESSION_KEY", "too-short")]
    public void Read_BadSetting_IsRefusedNamingIt(string name, string value)
    {
        var settings = new Dictionary<string, string> { ["API_TOKEN"] = Token, ["UPSTREAM_URL"] = "http://127.0.0.1:18789", [name] = value };
        var error = Assert.Throws<ProxyConfigurationException>(() => ProxyEnvironment.Read(n => settings.GetValueOrDefault(n)));
        Assert.Contains(name == "PROXY_AUDIT_AUTH_SUCCESS" ? "PROXY_AUDIT_AUTH_SUCCESS" : name, error.Message);
    }
}
