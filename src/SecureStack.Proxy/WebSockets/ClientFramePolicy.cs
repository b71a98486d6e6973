using System.Text.Json;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// The proxy's own rules for client request frames. Methods: an allowlist per scope, from the pinned gateway's
/// own method table (<see cref="GatewayMethods"/>): a method the table does not name is refused; an ordinary
/// client gets the scopes of PROXY_WS_SCOPES (reading, chatting, approvals; no admin, no pairing); the identities
/// of PROXY_WS_OPERATORS get every operator scope, so the Control UI works for its operator; node-role methods only
/// when PROXY_WS_SCOPES names <c>node</c>; PROXY_BLOCKED_METHODS is refused for everyone. In token mode the gateway
/// token is put into <c>connect</c> frames, so that browsers signed in with the proxy's cookie never need it: as
/// <c>auth.token</c> in an unsigned frame, as <c>auth.password</c> (outside the signature) in a device-signed one.
/// </summary>
internal sealed class ClientFramePolicy(ProxyOptions options)
{
    private readonly string[] _exact = [.. options.BlockedMethods.Where(m => !m.EndsWith('*'))];
    private readonly string[] _prefixes = [.. options.BlockedMethods.Where(m => m.EndsWith('*')).Select(m => m[..^1])];
    private readonly HashSet<string> _scopes = new(options.WebSocketScopes, StringComparer.Ordinal);
    private readonly HashSet<string> _operators = new(options.WebSocketOperators, StringComparer.Ordinal);

    /// <summary>Null when <paramref name="method"/> may go to the gateway for this client, otherwise why not.</summary>
    public MethodRefusal? Check(string method, JsonElement frame, ClientIdentity identity)
    {
        if (method == "connect")
        {
            // The handshake: every session starts with it, and the gateway grants its scopes.
            return null;
        }

        if (IsBlocked(method))
        {
            return new MethodRefusal($"method {method} is blocked at the proxy (PROXY_BLOCKED_METHODS)", "refused by the proxy's policy");
        }

        if (!GatewayMethods.Scopes.TryGetValue(method, out var scope))
        {
            return new MethodRefusal($"method {method} is not in the pinned gateway's method table", "unknown method, refused by the proxy's policy");
        }

        if (scope == GatewayMethods.Dynamic)
        {
            scope = DynamicMethodScopes.Of(method, frame.TryGetProperty("params", out var parameters) ? parameters : default);
        }

        var allowed = scope == GatewayMethods.Node
            ? _scopes.Contains(GatewayMethods.Node)
            : _scopes.Contains(scope) || _operators.Contains(identity.Name);
        return allowed
            ? null
            : new MethodRefusal($"method {method} needs {scope}, not given to {identity.Name} (PROXY_WS_SCOPES, PROXY_WS_OPERATORS)", $"missing scope: {scope}");
    }

    private bool IsBlocked(string method) =>
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
