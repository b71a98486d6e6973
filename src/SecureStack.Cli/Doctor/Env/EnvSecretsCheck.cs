using System.Text.RegularExpressions;

namespace SecureStack.Cli.Doctor.Env;

/// <summary>FR-5/FR-7: every secret is set, is not the example's placeholder, and is long enough to resist guessing.</summary>
internal sealed partial class EnvSecretsCheck : IDoctorCheck
{
    private const string Id = "env.secrets";

    /// <summary>32 random bytes, as install.sh generates them: 44 characters of base64.</summary>
    private const int MinTokenBytes = 32;

    private static readonly string[] Secrets = ["OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_HOOKS_TOKEN", "AUDIT_HMAC_KEY", "RELAY_KEY"];

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var env = context.Env!;
        yield return CheckClientTokens(env);
        foreach (var name in Secrets)
        {
            yield return CheckSecret(env, name);
        }
    }

    private static CheckResult CheckClientTokens(EnvFile env)
    {
        var target = $"{env.Path}: API_TOKEN";
        if (env.Get("API_TOKENS") is { } named)
        {
            var bad = named.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(entry => !NamedTokenHash().IsMatch(entry)).ToList();
            return bad.Count == 0
                ? CheckResult.Pass(Id, $"{env.Path}: API_TOKENS", "named tokens are stored as SHA-256 hashes")
                : CheckResult.Fail(Id, $"{env.Path}: API_TOKENS", $"{bad.Count} entries are not name:sha256hex",
                    "write each entry as name:<64 hex digits of SHA-256(token)>, separated by commas");
        }
        return CheckSecret(env, "API_TOKEN") with { Target = target };
    }

    private static CheckResult CheckSecret(EnvFile env, string name)
    {
        var target = $"{env.Path}: {name}";
        var value = env.Get(name);
        var fix = $"delete the {name} line (or its value) and run ./install.sh, which generates 32 random bytes; or set it to `openssl rand -base64 32`";
        if (value is null)
        {
            return CheckResult.Fail(Id, target, "not set", fix);
        }
        if (IsPlaceholder(value))
        {
            return CheckResult.Fail(Id, target, "still the placeholder from .env.example", fix);
        }
        var bytes = SecretBytes(value);
        return bytes >= MinTokenBytes
            ? CheckResult.Pass(Id, target, $"set, {bytes} bytes of secret")
            : CheckResult.Fail(Id, target, $"only {bytes} bytes; at least {MinTokenBytes} are needed", fix);
    }

    private static bool IsPlaceholder(string value) =>
        value.StartsWith("change-me", StringComparison.OrdinalIgnoreCase) || value.StartsWith("changeme", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith('<') || value is "secret" or "token" or "password" or "xxx";

    /// <summary>Decoded length for base64, otherwise the character count.</summary>
    private static int SecretBytes(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? written : value.Length;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+:[0-9a-fA-F]{64}$")]
    private static partial Regex NamedTokenHash();
}
