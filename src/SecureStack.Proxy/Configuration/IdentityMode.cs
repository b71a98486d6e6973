namespace SecureStack.Proxy.Configuration;

/// <summary>How the proxy tells OpenClaw who the caller is (OPENCLAW.md, "Trusted-proxy mode").</summary>
public enum IdentityMode
{
    /// <summary>The proxy sets the configured user header and its own X-Forwarded-For; OpenClaw trusts the proxy's address.</summary>
    TrustedProxy,

    /// <summary>The proxy holds the gateway token: Bearer on HTTP, <c>params.auth.token</c> in WebSocket <c>connect</c> frames.</summary>
    Token,
}
