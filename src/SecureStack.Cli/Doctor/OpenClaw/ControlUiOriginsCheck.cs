namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>The Control UI accepts WebSocket connects only from the proxy's HTTPS origin(s).</summary>
internal sealed class ControlUiOriginsCheck : IDoctorCheck
{
    private const string Id = "openclaw.control-ui-origins";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var origins = config.Strings("gateway.controlUi.allowedOrigins") ?? [];
        var problems = new List<string>();
        if (origins.Count == 0 && context.Options.Mode == DeploymentMode.Docker)
        {
            problems.Add("gateway.controlUi.allowedOrigins is empty (required for a non-loopback gateway)");
        }
        var bad = origins.Select(o => Resolve(o, context)).Where(o => !IsAcceptable(o)).ToList();
        if (bad.Count > 0)
        {
            problems.Add($"origins that any site or plain HTTP can use: {string.Join(", ", bad)}");
        }
        if (config.Bool("gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback") == true)
        {
            problems.Add("dangerouslyAllowHostHeaderOriginFallback trusts the client's Host header");
        }
        yield return problems.Count == 0
            ? CheckResult.Pass(Id, config.Path, origins.Count == 0 ? "no extra origins (loopback only)" : $"origins: {string.Join(", ", origins)}")
            : CheckResult.Fail(Id, config.Path, string.Join("; ", problems),
                "set gateway.controlUi.allowedOrigins to the proxy's https:// origin (SECURESTACK_PUBLIC_ORIGIN) and remove the Host-header fallback");
    }

    /// <summary>A <c>${NAME}</c> origin takes its value from .env when it is set there (compose has a default otherwise).</summary>
    private static string Resolve(string origin, DoctorContext context) =>
        OpenClawConfig.IsEnvReference(origin) && context.Env?.Get(origin[2..^1]) is { } value ? value : origin;

    /// <summary>An https origin, or an environment reference compose fills in; never a wildcard.</summary>
    private static bool IsAcceptable(string origin) =>
        !origin.Contains('*', StringComparison.Ordinal)
        && (origin.StartsWith("https://", StringComparison.Ordinal) || OpenClawConfig.IsEnvReference(origin));
}
