using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SecureStack.Proxy.Configuration;

/// <summary>Reads <see cref="ProxyOptions"/> from the environment (ARCHITECTURE.md, "Configuration contract").</summary>
public static class ProxyEnvironment
{
    /// <summary>Shortest raw token accepted in API_TOKEN; install.sh generates 32 random bytes (44 base64 characters).</summary>
    public const int MinimumTokenLength = 16;

    private static readonly char[] ListSeparators = [',', ' ', '\n', '\t'];

    /// <summary>Builds and validates the options; throws <see cref="ProxyConfigurationException"/> naming the bad setting.</summary>
    public static ProxyOptions Read(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var defaults = new ProxyOptions { Tokens = [], Upstream = new Uri("http://127.0.0.1:18789") };
        var options = defaults with
        {
            Tokens = ReadTokens(env),
            Upstream = ReadUri("UPSTREAM_URL", Value(env, "UPSTREAM_URL") ?? throw new ProxyConfigurationException(
                "UPSTREAM_URL is not set: give the OpenClaw gateway's address, e.g. http://openclaw:18789.")),
            Listen = Value(env, "PROXY_LISTEN") is { } listen
                ? listen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => ReadUri("PROXY_LISTEN", l)).ToArray()
                : defaults.Listen,
            TlsCertPath = Value(env, "TLS_CERT_PATH"),
            TlsKeyPath = Value(env, "TLS_KEY_PATH"),
            IdentityMode = Value(env, "PROXY_IDENTITY_MODE") switch
            {
                null or "trusted-proxy" => IdentityMode.TrustedProxy,
                "token" => IdentityMode.Token,
                var other => throw new ProxyConfigurationException($"PROXY_IDENTITY_MODE=\"{other}\" is not understood: use \"trusted-proxy\" or \"token\"."),
            },
            GatewayToken = Value(env, "OPENCLAW_GATEWAY_TOKEN"),
            UserHeader = Value(env, "PROXY_USER_HEADER") ?? defaults.UserHeader,
            TrustedForwarders = [.. (List(env, "PROXY_TRUSTED_FORWARDERS") ?? []).Select(a => IPAddress.TryParse(a, out var ip) ? ip
                : throw new ProxyConfigurationException($"PROXY_TRUSTED_FORWARDERS entry \"{a}\" is not an IP address."))],
            AllowedOrigins = List(env, "PROXY_ALLOWED_ORIGINS") ?? defaults.AllowedOrigins,
            SessionKey = Value(env, "PROXY_SESSION_KEY") is { } key ? Encoding.UTF8.GetBytes(key) : null,
            SessionLifetime = Minutes(env, "PROXY_SESSION_MINUTES") ?? defaults.SessionLifetime,
            LockoutThreshold = Int(env, "PROXY_LOCKOUT_THRESHOLD") ?? defaults.LockoutThreshold,
            LockoutGlobalThreshold = Int(env, "PROXY_LOCKOUT_GLOBAL_THRESHOLD") ?? defaults.LockoutGlobalThreshold,
            LockoutWindow = Seconds(env, "PROXY_LOCKOUT_WINDOW_SECONDS") ?? defaults.LockoutWindow,
            LockoutBan = Seconds(env, "PROXY_LOCKOUT_BAN_SECONDS") ?? defaults.LockoutBan,
            RateLimitPerSecond = Double(env, "PROXY_RATE_LIMIT") ?? defaults.RateLimitPerSecond,
            RateLimitBurst = Int(env, "PROXY_RATE_BURST") ?? defaults.RateLimitBurst,
            MaxBodyBytes = Long(env, "PROXY_MAX_BODY_BYTES") ?? defaults.MaxBodyBytes,
            MaxHeaderBytes = Int(env, "PROXY_MAX_HEADER_BYTES") ?? defaults.MaxHeaderBytes,
            MaxWebSocketMessageBytes = Int(env, "PROXY_MAX_WS_MESSAGE_BYTES") ?? defaults.MaxWebSocketMessageBytes,
            MaxConnections = Int(env, "PROXY_MAX_CONNECTIONS") ?? defaults.MaxConnections,
            HeaderTimeout = Seconds(env, "PROXY_HEADER_TIMEOUT_SECONDS") ?? defaults.HeaderTimeout,
            UpstreamTimeout = Seconds(env, "PROXY_UPSTREAM_TIMEOUT_SECONDS") ?? defaults.UpstreamTimeout,
            BlockedMethods = Value(env, "PROXY_BLOCKED_METHODS") is "none" ? [] : List(env, "PROXY_BLOCKED_METHODS") ?? defaults.BlockedMethods,
            WebSocketScopes = List(env, "PROXY_WS_SCOPES") ?? defaults.WebSocketScopes,
            WebSocketOperators = Value(env, "PROXY_WS_OPERATORS") is "none" ? [] : List(env, "PROXY_WS_OPERATORS") ?? defaults.WebSocketOperators,
            MetricsListen = Value(env, "PROXY_METRICS_LISTEN") is { } metrics ? ReadUri("PROXY_METRICS_LISTEN", metrics) : null,
            Prompts = Sanitizing.PromptSettings.Read(env),
            Relay = Relay.RelayEnvironment.Read(env),
        };
        options = ReadAuthSuccessAudit(options, Value(env, "PROXY_AUDIT_AUTH_SUCCESS"));
        options.Validate();
        return options;
    }

    /// <summary>The hex SHA-256 of a token, as API_TOKENS expects it.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static List<ApiToken> ReadTokens(Func<string, string?> env)
    {
        var tokens = new List<ApiToken>();
        if (Value(env, "API_TOKEN") is { } raw)
        {
            if (raw.Length < MinimumTokenLength || raw.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new ProxyConfigurationException(
                    $"API_TOKEN must be at least {MinimumTokenLength} characters without spaces; generate one with 'securestack token'.");
            }

            tokens.Add(new ApiToken("default", SHA256.HashData(Encoding.UTF8.GetBytes(raw))));
        }

        foreach (var entry in List(env, "API_TOKENS") ?? [])
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? entry[..colon] : "";
            var hex = colon > 0 ? entry[(colon + 1)..] : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                || hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                // The entry may be a raw token pasted by mistake: never echo it.
                throw new ProxyConfigurationException(
                    $"API_TOKENS entry {tokens.Count + 1} is not NAME:SHA256HEX (a name of letters, digits, '-', '_' or '.', then 64 hex digits).");
            }

            tokens.Add(new ApiToken(name, Convert.FromHexString(hex)));
        }

        return tokens;
    }

    private static ProxyOptions ReadAuthSuccessAudit(ProxyOptions options, string? value)
    {
        const string SamplePrefix = "sample:";
        return value switch
        {
            null or "connection" => options with { AuthSuccessAudit = AuthSuccessAudit.PerConnection },
            "every" => options with { AuthSuccessAudit = AuthSuccessAudit.Every },
            "none" => options with { AuthSuccessAudit = AuthSuccessAudit.None },
            _ when value.StartsWith(SamplePrefix, StringComparison.Ordinal)
                && int.TryParse(value.AsSpan(SamplePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                => options with { AuthSuccessAudit = AuthSuccessAudit.Sampled, AuthSuccessSampleRate = n },
            _ => throw new ProxyConfigurationException(
                $"PROXY_AUDIT_AUTH_SUCCESS=\"{value}\" is not understood: use connection, every, none or sample:N."),
        };
    }

    private static Uri ReadUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ProxyConfigurationException($"{name}=\"{value}\" is not an http:// or https:// URL.");

    private static string? Value(Func<string, string?> env, string name) =>
        env(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static string[]? List(Func<string, string?> env, string name) =>
        Value(env, name)?.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static long? Long(Func<string, string?> env, string name) =>
        Value(env, name) is { } v
            ? long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ProxyConfigurationException($"{name}=\"{v}\" must be a whole number.")
            : null;

    private static int? Int(Func<string, string?> env, string name) =>
        Long(env, name) is { } n
            ? n <= int.MaxValue ? (int)n : throw new ProxyConfigurationException($"{name}={n} is too large.")
            : null;

    private static double? Double(Func<string, string?> env, string name) =>
        Value(env, name) is { } v
            ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
                : throw new ProxyConfigurationException($"{name}=\"{v}\" must be a number.")
            : null;

    private static TimeSpan? Seconds(Func<string, string?> env, string name) => Long(env, name) is { } s ? TimeSpan.FromSeconds(s) : null;

    private static TimeSpan? Minutes(Func<string, string?> env, string name) => Long(env, name) is { } m ? TimeSpan.FromMinutes(m) : null;
}
