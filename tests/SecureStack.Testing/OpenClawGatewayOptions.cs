namespace SecureStack.Testing;

/// <summary>How a test gateway is configured (OPENCLAW.md): token or trusted-proxy auth, the fake provider, origins.</summary>
public sealed record OpenClawGatewayOptions
{
    /// <summary>The fake provider's OpenAI-style base URL (<see cref="FakeModelProvider.BaseUrl"/>).</summary>
    public required string ProviderBaseUrl { get; init; }

    /// <summary><c>token</c> or <c>trusted-proxy</c>.</summary>
    public string AuthMode { get; init; } = "token";

    /// <summary>The gateway token in token mode; generated when null.</summary>
    public string? Token { get; init; }

    public string HooksToken { get; init; } = "test-hooks-token-" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    public string UserHeader { get; init; } = "x-remote-user";

    public bool AllowLoopback { get; init; }

    /// <summary>Operator scopes per trusted-proxy identity.</summary>
    public IReadOnlyDictionary<string, string[]> IdentityScopes { get; init; } = new Dictionary<string, string[]>();

    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
}
