using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Configuration;

/// <summary>
/// Every setting of the proxy. <see cref="ProxyEnvironment.Read"/> builds it from the environment
/// (the names are in the README); <see cref="Validate"/> names the first bad setting.
/// </summary>
public sealed record ProxyOptions
{
    /// <summary>Accepted client tokens (API_TOKEN, API_TOKENS).</summary>
    public required IReadOnlyList<ApiToken> Tokens { get; init; }

    /// <summary>The OpenClaw gateway (UPSTREAM_URL), http or https, no path.</summary>
    public required Uri Upstream { get; init; }

    /// <summary>Where the proxy listens (PROXY_LISTEN); several are separated by commas.</summary>
    public IReadOnlyList<Uri> Listen { get; init; } = [new Uri("http://127.0.0.1:8080")];

    /// <summary>PEM certificate and key (TLS_CERT_PATH, TLS_KEY_PATH): required for https listen addresses.</summary>
    public string? TlsCertPath { get; init; }

    public string? TlsKeyPath { get; init; }

    /// <summary>PROXY_IDENTITY_MODE: trusted-proxy (default) or token.</summary>
    public IdentityMode IdentityMode { get; init; } = IdentityMode.TrustedProxy;

    /// <summary>The gateway token the proxy presents in token mode (OPENCLAW_GATEWAY_TOKEN).</summary>
    public string? GatewayToken { get; init; }

    /// <summary>
    /// Addresses of a TLS terminator or load balancer in front of the proxy (PROXY_TRUSTED_FORWARDERS): from
    /// these peers the last X-Forwarded-For entry is taken as the client's address. Empty by default.
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedForwarders { get; init; } = [];

    /// <summary>The header carrying the caller's name in trusted-proxy mode (PROXY_USER_HEADER).</summary>
    public string UserHeader { get; init; } = "x-remote-user";

    /// <summary>Origins whose browsers may open WebSockets or send writes with the session cookie (PROXY_ALLOWED_ORIGINS).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>HMAC key for session cookies (PROXY_SESSION_KEY); random per process when unset.</summary>
    public byte[]? SessionKey { get; init; }

    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    public int LockoutThreshold { get; init; } = 5;

    public TimeSpan LockoutWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Failed authentications from all addresses within the window (PROXY_LOCKOUT_GLOBAL_THRESHOLD) past which every
    /// address is banned at its next failure, so guesses spread over many addresses are caught; null is 4 × the per-address threshold.
    /// </summary>
    public int? LockoutGlobalThreshold { get; init; }

    public int EffectiveLockoutGlobalThreshold => LockoutGlobalThreshold ?? 4 * LockoutThreshold;

    public TimeSpan LockoutBan { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Sustained requests per second from one address (PROXY_RATE_LIMIT); 0 turns the limit off.</summary>
    public double RateLimitPerSecond { get; init; } = 50;

    public int RateLimitBurst { get; init; } = 200;

    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    public int MaxHeaderBytes { get; init; } = 32 * 1024;

    public int MaxWebSocketMessageBytes { get; init; } = 1024 * 1024;

    public int MaxConnections { get; init; } = 1024;

    /// <summary>A client must send its request headers within this time (slowloris).</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>YARP's activity timeout: no bytes in either direction for this long ends an HTTP exchange. Idle WebSockets are kept alive by pings.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan UpstreamConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public AuthSuccessAudit AuthSuccessAudit { get; init; } = AuthSuccessAudit.PerConnection;

    public int AuthSuccessSampleRate { get; init; } = 100;

    /// <summary>WebSocket methods refused at the proxy (PROXY_BLOCKED_METHODS); a trailing <c>*</c> matches a prefix.</summary>
    public IReadOnlyList<string> BlockedMethods { get; init; } = DefaultBlockedMethods;

    /// <summary>
    /// The gateway scopes an ordinary client's WebSocket methods may need (PROXY_WS_SCOPES): reading, chatting,
    /// sessions, approvals, questions and talk. Admin and pairing methods are for <see cref="WebSocketOperators"/>;
    /// node-role methods only when this names <c>node</c>.
    /// </summary>
    public IReadOnlyList<string> WebSocketScopes { get; init; } = DefaultWebSocketScopes;

    /// <summary>
    /// Identities (token names, trusted-proxy users) that get every operator scope over WebSocket (PROXY_WS_OPERATORS):
    /// by default <c>default</c>, the single API_TOKEN that install.sh creates for the person running the stack, so the
    /// Control UI's settings pages work for them; named API_TOKENS entries are ordinary clients unless listed here.
    /// </summary>
    public IReadOnlyList<string> WebSocketOperators { get; init; } = ["default"];

    /// <summary>A separate listener for GET /metrics without auth (PROXY_METRICS_LISTEN); when unset, no metrics are served.</summary>
    public Uri? MetricsListen { get; init; }

    /// <summary>
    /// The prompt sanitizer's settings (<see cref="PromptSettings.Read"/>): with them it inspects every model-bound path.
    /// The environment always sets them; null (embedding, tests of other stages) leaves the sanitizer out.
    /// </summary>
    public PromptSettings? Prompts { get; init; }

    /// <summary>The model relay (RELAY_PROVIDERS, RELAY_KEY, ...); null when not configured.</summary>
    public Relay.RelaySettings? Relay { get; init; }

    /// <summary>Admin methods worth a policy (OPENCLAW.md): config writes, installs, exec approvals, token rotation, host terminals.</summary>
    public static readonly IReadOnlyList<string> DefaultBlockedMethods =
    [
        "config.set", "config.patch", "config.apply",
        "skills.install", "skills.update", "skills.upload.*",
        "plugins.install", "exec.approvals.*", "device.token.rotate", "terminal.*",
    ];

    public static readonly IReadOnlyList<string> DefaultWebSocketScopes =
    [
        "operator.read", "operator.write", "operator.sessions.read", "operator.sessions.write",
        "operator.approvals", "operator.questions", "operator.talk",
    ];

    /// <summary>Every scope PROXY_WS_SCOPES may name.</summary>
    public static readonly IReadOnlySet<string> KnownWebSocketScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        "operator.read", "operator.write", "operator.sessions.read", "operator.sessions.write", "operator.approvals",
        "operator.questions", "operator.talk", "operator.talk.secrets", "operator.pairing", "operator.admin", "node",
    };

    public bool UsesTls => Listen.Any(u => u.Scheme == Uri.UriSchemeHttps);

    /// <summary>Throws <see cref="ProxyConfigurationException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Require(Tokens.Count > 0, "API_TOKEN or API_TOKENS must give at least one client token.");
        Require(Tokens.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() == Tokens.Count, "API_TOKENS names each token once; a name appears twice.");
        Require(Upstream.Scheme is "http" or "https", $"UPSTREAM_URL={Upstream} must be an http:// or https:// URL.");
        Require(Upstream.AbsolutePath == "/" && string.IsNullOrEmpty(Upstream.Query), $"UPSTREAM_URL={Upstream} must not have a path or query: give scheme, host and port.");
        Require(Listen.Count > 0, "PROXY_LISTEN must give at least one address.");
        foreach (var listen in Listen)
        {
            Require(listen.Scheme is "http" or "https" && listen.AbsolutePath == "/", $"PROXY_LISTEN entry {listen} must be http://HOST:PORT or https://HOST:PORT.");
        }

        Require(!UsesTls || (!string.IsNullOrWhiteSpace(TlsCertPath) && !string.IsNullOrWhiteSpace(TlsKeyPath)),
            "PROXY_LISTEN has an https:// address: set TLS_CERT_PATH and TLS_KEY_PATH to a PEM certificate and key.");
        Require(IdentityMode != IdentityMode.Token || (GatewayToken?.Length ?? 0) >= 16,
            "PROXY_IDENTITY_MODE=token needs OPENCLAW_GATEWAY_TOKEN (the gateway's own token, 16 characters or more).");
        Require(IdentityMode != IdentityMode.TrustedProxy || IsHeaderName(UserHeader), $"PROXY_USER_HEADER=\"{UserHeader}\" is not a valid header name.");
        foreach (var origin in AllowedOrigins)
        {
            Require(Uri.TryCreate(origin, UriKind.Absolute, out var o) && o.Scheme is "http" or "https" && o.GetLeftPart(UriPartial.Authority) == origin,
                $"PROXY_ALLOWED_ORIGINS entry \"{origin}\" must be scheme://host[:port] with no path or trailing slash.");
        }

        foreach (var scope in WebSocketScopes)
        {
            Require(KnownWebSocketScopes.Contains(scope),
                $"PROXY_WS_SCOPES entry \"{scope}\" is not a gateway scope: use {string.Join(", ", KnownWebSocketScopes.Order(StringComparer.Ordinal))}.");
        }

        Require(SessionKey is null || SessionKey.Length >= 32, "PROXY_SESSION_KEY must be at least 32 bytes.");
        Require(SessionLifetime > TimeSpan.Zero, "PROXY_SESSION_MINUTES must be positive.");
        Require(LockoutThreshold > 0, "PROXY_LOCKOUT_THRESHOLD must be positive.");
        Require(EffectiveLockoutGlobalThreshold >= LockoutThreshold,
            $"PROXY_LOCKOUT_GLOBAL_THRESHOLD={LockoutGlobalThreshold} is below PROXY_LOCKOUT_THRESHOLD={LockoutThreshold}: the budget for all addresses must hold at least one address's.");
        Require(LockoutWindow > TimeSpan.Zero && LockoutBan > TimeSpan.Zero, "PROXY_LOCKOUT_WINDOW_SECONDS and PROXY_LOCKOUT_BAN_SECONDS must be positive.");
        Require(RateLimitPerSecond >= 0 && RateLimitBurst > 0, "PROXY_RATE_LIMIT must be 0 or more and PROXY_RATE_BURST positive.");
        Require(MaxBodyBytes > 0, "PROXY_MAX_BODY_BYTES must be positive.");
        Require(MaxHeaderBytes >= 1024, "PROXY_MAX_HEADER_BYTES must be at least 1024.");
        Require(MaxWebSocketMessageBytes >= 1024, "PROXY_MAX_WS_MESSAGE_BYTES must be at least 1024.");
        Require(MaxConnections > 0, "PROXY_MAX_CONNECTIONS must be positive.");
        Require(HeaderTimeout > TimeSpan.Zero, "PROXY_HEADER_TIMEOUT_SECONDS must be positive.");
        Require(UpstreamTimeout > TimeSpan.Zero, "PROXY_UPSTREAM_TIMEOUT_SECONDS must be positive.");
        Require(AuthSuccessSampleRate > 0, "PROXY_AUDIT_AUTH_SUCCESS=sample:N needs N > 0.");
        Require(MetricsListen is null || MetricsListen.Scheme == "http", "PROXY_METRICS_LISTEN must be an http:// address.");
        Require(Relay is null || Prompts is not null, "RELAY_PROVIDERS needs the prompt sanitizer: the relay never forwards uninspected prompts.");
        Relay?.Validate();
        Prompts?.Validate();
    }

    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ProxyConfigurationException(message);
        }
    }
}
