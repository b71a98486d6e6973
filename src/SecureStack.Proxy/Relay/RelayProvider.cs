using System.Net;
using System.Net.Sockets;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// One allowlisted model provider behind <c>/relay/&lt;id&gt;/v1</c>: its real base URL (ending in the API
/// version, e.g. <c>https://api.openai.com/v1</c>) and the real API key the relay sends in place of the relay key.
/// </summary>
public sealed record RelayProvider(string Id, Uri BaseUrl, string? ApiKey)
{
    /// <summary>
    /// No key for a provider on a public host: every call would be refused (or, with no route out, hang until the
    /// time-out), so the relay answers at once. A model server on this host or a private network may need none.
    /// </summary>
    public bool MissingKey => ApiKey is null && !IsLocal(BaseUrl);

    /// <summary>What a person reads in the chat, /readyz and the log: the setting to add (install.sh and compose pass
    /// <c>OPENAI_API_KEY</c> from .env to the proxy as <c>RELAY_API_KEY_OPENAI</c>).</summary>
    public string MissingKeyMessage =>
        $"no API key configured for provider {Id}; set {Id.ToUpperInvariant().Replace('-', '_')}_API_KEY in .env "
        + $"(the proxy's {RelayEnvironment.KeyVariable(Id)}) and restart the stack";

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{Id} -> {BaseUrl}";

    private static bool IsLocal(Uri url)
    {
        if (url.IsLoopback || !url.Host.Contains('.', StringComparison.Ordinal) && url.HostNameType == UriHostNameType.Dns)
        {
            return true; // localhost, or a single-label name such as a compose service ("ollama")
        }

        if (!IPAddress.TryParse(url.IdnHost, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? bytes[0] == 10 || (bytes[0] == 172 && (bytes[1] & 0xF0) == 16) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
            : address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal;
    }
}
