using System.Text.Json.Nodes;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// The proxy's own rules for client request frames: admin methods refused (PROXY_BLOCKED_METHODS), and in
/// token mode the gateway token put into <c>connect</c> frames that carry no device signature (a signed
/// frame's signature covers the token, so it is never altered).
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

    /// <summary>Sets <c>params.auth.token</c> on an unsigned connect frame; true when the frame changed.</summary>
    public bool ApplyConnectToken(JsonObject frame)
    {
        if (frame["params"] is not JsonObject parameters)
        {
            parameters = [];
            frame["params"] = parameters;
        }

        if (parameters.ContainsKey("device"))
        {
            return false;
        }

        if (parameters["auth"] is not JsonObject auth)
        {
            auth = [];
            parameters["auth"] = auth;
        }

        // Whatever the client put there (often our own API token) must not reach the gateway.
        auth.Remove("password");
        auth["token"] = options.GatewayToken;
        return true;
    }
}
