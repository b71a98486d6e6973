using System.Security.Cryptography;
using System.Text;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// Reads <see cref="RelaySettings"/> from the environment: <c>RELAY_PROVIDERS</c> (<c>id=url,...</c>),
/// <c>RELAY_KEY</c>, <c>RELAY_API_KEY_&lt;ID&gt;</c> (the real provider keys). No RELAY_PROVIDERS: no relay. The relay's
/// inspection settings (<c>RELAY_TOOL_RESULTS</c>, ...) are the sanitizer's: <see cref="Sanitizing.PromptSettings.Read"/>.
/// </summary>
public static class RelayEnvironment
{
    public const int MinimumKeyLength = 16;

    public static RelaySettings? Read(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (Value(env, "RELAY_PROVIDERS") is not { } list)
        {
            return null;
        }

        var providers = new List<RelayProvider>();
        foreach (var entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !Uri.TryCreate(entry[(eq + 1)..], UriKind.Absolute, out var url))
            {
                throw new ProxyConfigurationException($"RELAY_PROVIDERS entry \"{entry}\" is not id=http(s)://url.");
            }

            var id = entry[..eq].Trim();
            providers.Add(new RelayProvider(id, url, Value(env, KeyVariable(id))));
        }

        var key = Value(env, "RELAY_KEY") ?? throw new ProxyConfigurationException(
            "RELAY_KEY is not set: the relay needs the key the gateway's providers are configured with ('securestack token' makes one).");
        if (key.Length < MinimumKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ProxyConfigurationException($"RELAY_KEY must be at least {MinimumKeyLength} characters without spaces.");
        }

        var settings = new RelaySettings
        {
            Providers = providers,
            KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key)),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>The variable holding a provider's real key: <c>RELAY_API_KEY_OPENAI</c> for <c>openai</c>.</summary>
    public static string KeyVariable(string providerId) =>
        "RELAY_API_KEY_" + providerId.ToUpperInvariant().Replace('-', '_');

    private static string? Value(Func<string, string?> env, string name) =>
        env(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
