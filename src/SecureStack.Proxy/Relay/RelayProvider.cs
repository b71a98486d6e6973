namespace SecureStack.Proxy.Relay;

/// <summary>
/// One allowlisted model provider behind <c>/relay/&lt;id&gt;/v1</c>: its real base URL (ending in the API
/// version, e.g. <c>https://api.openai.com/v1</c>) and the real API key the relay sends in place of the relay key.
/// </summary>
public sealed record RelayProvider(string Id, Uri BaseUrl, string? ApiKey)
{
    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{Id} -> {BaseUrl}";
}
