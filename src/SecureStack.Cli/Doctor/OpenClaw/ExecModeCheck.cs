namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>Host command execution is held to an allowlist (OpenClaw's default is "full"); no elevated mode, no operator terminal.</summary>
internal sealed class ExecModeCheck : IDoctorCheck
{
    private const string Id = "openclaw.exec";

    private static readonly string[] Restricted = ["deny", "allowlist", "ask"];

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var problems = new List<string>();
        var mode = config.String("tools.exec.mode");
        if (mode is null || !Restricted.Contains(mode))
        {
            problems.Add(mode is null ? "tools.exec.mode is unset (OpenClaw's default runs any command)" : $"tools.exec.mode is {mode}");
        }
        if (config.String("tools.exec.security") == "full")
        {
            problems.Add("legacy tools.exec.security is full");
        }
        if (config.Bool("tools.elevated.enabled") != false)
        {
            problems.Add("tools.elevated is not disabled");
        }
        if (config.Bool("gateway.terminal.enabled") != false)
        {
            problems.Add("gateway.terminal (a host shell for operators) is not disabled");
        }
        yield return problems.Count == 0
            ? CheckResult.Pass(Id, config.Path, $"exec mode {mode}, elevated and terminal off")
            : CheckResult.Fail(Id, config.Path, string.Join("; ", problems),
                "set tools.exec.mode to \"allowlist\" (or \"deny\"), tools.elevated.enabled and gateway.terminal.enabled to false");
    }
}
