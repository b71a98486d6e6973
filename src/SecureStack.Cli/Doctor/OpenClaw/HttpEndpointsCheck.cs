namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>The OpenAI-compatible HTTP endpoints are on only behind gateway auth, and HTTP tool calls keep their deny list.</summary>
internal sealed class HttpEndpointsCheck : IDoctorCheck
{
    private const string Id = "openclaw.http-endpoints";

    /// <summary>Tools OpenClaw refuses over HTTP by default; re-allowing them opens a shell to any API caller.</summary>
    private static readonly string[] DangerousOverHttp = ["exec", "shell", "process", "write", "edit", "apply_patch", "gateway"];

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var enabled = new[] { "chatCompletions", "responses" }
            .Where(e => config.Bool($"gateway.http.endpoints.{e}.enabled") == true).ToList();
        var authMode = config.String("gateway.auth.mode");
        var problems = new List<string>();
        if (enabled.Count > 0 && authMode is null or "none")
        {
            problems.Add($"{string.Join(", ", enabled)} enabled without gateway auth");
        }
        var reallowed = (config.Strings("gateway.tools.allow") ?? []).Intersect(DangerousOverHttp).ToList();
        if (reallowed.Count > 0)
        {
            problems.Add($"gateway.tools.allow re-enables {string.Join(", ", reallowed)} over POST /tools/invoke");
        }
        yield return problems.Count == 0
            ? CheckResult.Pass(Id, config.Path,
                enabled.Count == 0 ? "HTTP API endpoints off" : $"{string.Join(", ", enabled)} on, behind {authMode} auth")
            : CheckResult.Fail(Id, config.Path, string.Join("; ", problems),
                "keep gateway.auth.mode token or trusted-proxy when HTTP endpoints are on, and remove those tools from gateway.tools.allow");
    }
}
