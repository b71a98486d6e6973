using SecureStack.Proxy.Prompts;
using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// The path OpenClaw 2026.9.6 routes a request by, from the path it received: the gateway strips one
/// <c>/__openclaw__/cap/&lt;capability&gt;/</c> prefix (plugin-node capability URLs) before it matches any route,
/// so <c>/__openclaw__/cap/x/v1/chat/completions</c> is a chat completion to it and must be one to the proxy.
/// The strip is case-sensitive and happens once, as the gateway does it; a malformed prefix (no capability,
/// nothing after it) is left alone, since the gateway refuses those requests itself.
/// </summary>
internal static class GatewayPath
{
    public const string CapabilityPrefix = "/__openclaw__/cap/";

    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith(CapabilityPrefix, StringComparison.Ordinal))
        {
            return path;
        }

        var rest = path.AsSpan(CapabilityPrefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || JsText.Trim(Uri.UnescapeDataString(rest[..slash].ToString())).Length == 0)
        {
            return path;
        }

        return rest[slash..].ToString();
    }
}
