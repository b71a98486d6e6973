namespace SecureStack.Proxy.Configuration;

/// <summary>Which successful authentications become <c>auth_success</c> audit events (PROXY_AUDIT_AUTH_SUCCESS).</summary>
public enum AuthSuccessAudit
{
    /// <summary>The first authenticated request of each client connection (the default).</summary>
    PerConnection,

    /// <summary>Every authenticated request.</summary>
    Every,

    /// <summary>One in <see cref="ProxyOptions.AuthSuccessSampleRate"/> authenticated requests.</summary>
    Sampled,

    /// <summary>None; failures are always audited.</summary>
    None,
}
