using System.Text.Json.Nodes;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// The proxy's own rules for client request frames: admin methods refused (PROXY_BLOCKED_METHODS), and in
/// token mode the gateway token put into <c>connect</c> frames, so that browsers signed in with the proxy's
/// cookie never need it.
/// </summary>
internal sealed class ClientFramePolicy(ProxyOptions options)
{
    private readonly string[] _exact = [.. options.BlockedMethods.Where(m => !m.EndsWith('*'))];
    private readonly string[] _prefixes = [.. options.BlockedMethods.Where(m => m.EndsWith('*')).Select(m => m[..^1])];

    public bool IsBlocked(string method) =>
        _exact.Contains(method, StringComparer.OrdinalIgnoreCase)
        || _prefixes.Any(p => method.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether frames of this method may need the gateway token (<see cref="ApplyConnectToken"/>).</summary>
    public bool RewritesConnect(string method) => options.IdentityMode == IdentityMode.Token && method == "connect";

    /// <summary>
    /// Puts the gateway token into a connect frame; true when the frame changed. An unsigned frame gets it as
    /// <c>params.auth.token</c>. A frame with a <c>device</c> block (the Control UI signs every connect) is signed
    /// over <c>auth.token</c> (or its device or bootstrap token), so those stay as the client sent them and the
    /// token goes into <c>auth.password</c>, which OpenClaw's token mode also accepts and the signature does not
    /// cover (openclaw 2026.9.6: resolveSignatureToken, resolveConnectSecret). The gateway then pairs the
    /// browser's own device key, as for a local browser that was given the token.
    /// </summary>
    public bool ApplyConnectToken(JsonObject frame)
    {
        if (frame["params"] is not JsonObject parameters)
        {
            parameters = [];
            frame["params"] = parameters;
        }

        if (parameters["auth"] is not JsonObject auth)
        {
            auth = [];
            parameters["auth"] = auth;
        }

        // Whatever the client put into password (often our own API token) must not reach the gateway.
        auth.Remove("password");
        if (parameters.ContainsKey("device"))
        {
            auth["password"] = options.GatewayToken;
        }
        else
        {
            auth["token"] = options.GatewayToken;
        }

        return true;
    }
}
