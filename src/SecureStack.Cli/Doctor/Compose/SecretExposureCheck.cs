namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-7: secrets come from .env by reference, and each service gets only the ones it uses.</summary>
internal sealed class SecretExposureCheck : IDoctorCheck
{
    private const string Id = "compose.secrets";

    /// <summary>Secrets the gateway must never hold: with them the agent could mint its own access or reach a provider directly.</summary>
    private static readonly string[] ProxyOnly = ["API_TOKEN", "API_TOKENS", "AUDIT_HMAC_KEY", "OPENCLAW_GATEWAY_TOKEN", "OPENAI_API_KEY", "RELAY_API_KEY_OPENAI"];

    private static readonly string[] SecretWords = ["TOKEN", "KEY", "SECRET", "PASSWORD"];

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    /// <summary>TOKEN, KEY, SECRET or PASSWORD in the name, except settings that name a file or directory.</summary>
    private static bool IsSecretName(string name) =>
        SecretWords.Any(w => name.Contains(w, StringComparison.Ordinal))
        && !name.EndsWith("_PATH", StringComparison.Ordinal) && !name.EndsWith("_DIR", StringComparison.Ordinal)
        && !name.EndsWith("_FILE", StringComparison.Ordinal);

    private static CheckResult Check(ComposeService service)
    {
        var problems = new List<string>();
        if (service.Settings.List("env_file").Any(f => Path.GetFileName(f) == ".env"))
        {
            problems.Add("env_file: .env hands it every secret");
        }
        var environment = service.Environment;
        var literal = environment.Where(e => IsSecretName(e.Key)
            && e.Value.Length > 0 && !e.Value.StartsWith("${", StringComparison.Ordinal)).Select(e => e.Key).ToList();
        if (literal.Count > 0)
        {
            problems.Add($"secret values written into the compose file: {string.Join(", ", literal)}");
        }
        if (service.IsOpenClaw)
        {
            var leaked = ProxyOnly.Where(environment.ContainsKey).ToList();
            if (leaked.Count > 0)
            {
                problems.Add($"OpenClaw receives the proxy's secrets: {string.Join(", ", leaked)}");
            }
        }
        return problems.Count == 0
            ? CheckResult.Pass(Id, service.Target, "gets only the secrets it uses, by ${VAR} reference")
            : CheckResult.Fail(Id, service.Target, string.Join("; ", problems),
                $"list each variable {service.Name} needs under `environment:` as NAME: ${{NAME}} and keep the values in .env");
    }
}
