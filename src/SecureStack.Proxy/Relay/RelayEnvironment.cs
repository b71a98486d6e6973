using System.Security.Cryptography;
using System.Text;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Prompts;
using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// Reads <see cref="RelaySettings"/> from the environment: <c>RELAY_PROVIDERS</c> (<c>id=url,...</c>),
/// <c>RELAY_KEY</c>, <c>RELAY_API_KEY_&lt;ID&gt;</c> (the real provider keys), <c>RELAY_TOOL_RESULTS</c>,
/// <c>RELAY_SECRETS</c>, <c>RELAY_INSPECT_FULL_HISTORY</c>. No RELAY_PROVIDERS: no relay.
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
            ToolResults = Value(env, "RELAY_TOOL_RESULTS") switch
            {
                null or "flag" => ToolResultMode.Flag,
                "strip" => ToolResultMode.Strip,
                var other => throw new ProxyConfigurationException($"RELAY_TOOL_RESULTS=\"{other}\" is not understood: use flag or strip."),
            },
            Secrets = Value(env, "RELAY_SECRETS") switch
            {
                null or "redact" => SecretMode.Redact,
                "flag" => SecretMode.Flag,
                "reject" => SecretMode.Reject,
                var other => throw new ProxyConfigurationException($"RELAY_SECRETS=\"{other}\" is not understood: use redact, flag or reject."),
            },
            InspectFullHistory = Value(env, "RELAY_INSPECT_FULL_HISTORY") switch
            {
                null or "false" => false,
                "true" => true,
                var other => throw new ProxyConfigurationException($"RELAY_INSPECT_FULL_HISTORY=\"{other}\" must be true or false."),
            },
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
