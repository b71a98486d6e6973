using System.Net;
using Microsoft.Net.Http.Headers;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Forwarding;

/// <summary>
/// Which client headers never reach OpenClaw (forwarding, identity, our credentials) and which the proxy
/// sets itself, per identity mode. HTTP forwarding and the WebSocket relay share it.
/// </summary>
internal sealed class UpstreamHeaders(ProxyOptions options, string sessionCookieName)
{
    private static readonly HashSet<string> StrippedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Forwarded", "Via", "X-Real-IP", "X-Client-IP", "Client-IP", "True-Client-IP", "CF-Connecting-IP",
        "X-Cluster-Client-IP", "Fastly-Client-IP", "X-Original-Forwarded-For", "X-ProxyUser-Ip",
        "X-Remote-User", "Remote-User", "X-Remote-Email", "X-User", "X-Webauth-User", "X-Authenticated-User",
        "X-Auth-Request-User", "X-Auth-Request-Email", "X-Auth-Request-Preferred-Username",
        "Authorization", "Proxy-Authorization", "X-Original-URL", "X-Rewrite-URL",
    };

    private readonly string _gatewayAuthorization = "Bearer " + options.GatewayToken;

    /// <summary>What OpenClaw's hook handler reads besides the body: its own token and an idempotency key.</summary>
    private static readonly HashSet<string> HookHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-OpenClaw-Token", "X-OpenClaw-Idempotency-Key",
    };

    /// <summary>
    /// True for a client header that must not reach the gateway on <paramref name="path"/>. OpenClaw reads identity,
    /// scopes, a password, channel and session routing from <c>x-openclaw-*</c> headers and Tailscale identity from
    /// <c>tailscale-*</c>; only the proxy speaks for the client, so all of them go, except what <c>/hooks</c> reads.
    /// </summary>
    public bool IsStripped(string name, PathString path) =>
        StrippedNames.Contains(name)
        || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Tailscale-", StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith("X-OpenClaw-", StringComparison.OrdinalIgnoreCase) && !(IsHookPath(path) && HookHeaders.Contains(name)))
        || name.Equals(options.UserHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>The headers the proxy adds: gateway token, or user name plus its own forwarding headers.</summary>
    public IEnumerable<KeyValuePair<string, string>> Added(HttpContext context, ClientIdentity identity, IPAddress source)
    {
        if (options.IdentityMode == IdentityMode.Token)
        {
            // Hooks authenticate with their own token (x-openclaw-token), and the gateway reads Authorization first.
            if (!IsHookPath(context.Request.Path))
            {
                yield return new(HeaderNames.Authorization, _gatewayAuthorization);
            }

            yield break;
        }

        yield return new(options.UserHeader, identity.Name);
        yield return new("X-Forwarded-For", source.ToString());
        yield return new("X-Forwarded-Proto", context.Request.Scheme);
        yield return new("X-Forwarded-Host", context.Request.Host.Value ?? "");
    }

    private static bool IsHookPath(PathString path) =>
        path.StartsWithSegments("/hooks", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Cookie header without the proxy's own session cookie, or null when nothing is left.</summary>
    public string? CookiesWithoutSession(string cookieHeader)
    {
        var kept = cookieHeader.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(c => !c.StartsWith(sessionCookieName + "=", StringComparison.Ordinal))
            .ToArray();
        return kept.Length == 0 ? null : string.Join("; ", kept);
    }
}
