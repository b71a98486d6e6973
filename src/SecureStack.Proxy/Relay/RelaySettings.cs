using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// The model relay: allowlisted providers and the relay key the gateway presents (kept as SHA-256); what it does with
/// tool results and secrets is the sanitizer's (<see cref="Sanitizing.PromptSettings.Relay"/>). <see cref="Validate"/> names the first bad setting.
/// </summary>
public sealed record RelaySettings
{
    public required IReadOnlyList<RelayProvider> Providers { get; init; }

    /// <summary>SHA-256 of RELAY_KEY: the only credential the relay accepts (Bearer or x-api-key).</summary>
    public required byte[] KeyHash { get; init; }

    public RelayProvider? Find(string id) => Providers.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    public void Validate()
    {
        if (Providers.Count == 0)
        {
            throw new ProxyConfigurationException("RELAY_PROVIDERS lists no provider: give id=https://base-url/v1 pairs separated by commas.");
        }

        if (KeyHash.Length != 32)
        {
            throw new ProxyConfigurationException("RELAY_KEY is required with RELAY_PROVIDERS: the key the gateway's providers are configured with.");
        }

        foreach (var provider in Providers)
        {
            if (provider.Id.Length == 0 || !provider.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                throw new ProxyConfigurationException($"RELAY_PROVIDERS id \"{provider.Id}\" must be lower-case letters, digits, '-' or '_'.");
            }

            if (provider.BaseUrl.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(provider.BaseUrl.Query) || provider.BaseUrl.UserInfo.Length > 0)
            {
                throw new ProxyConfigurationException($"RELAY_PROVIDERS URL for \"{provider.Id}\" must be http:// or https:// without credentials or query.");
            }
        }

        if (Providers.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ProxyConfigurationException($"RELAY_PROVIDERS names \"{duplicate.Key}\" twice.");
        }
    }
}
