namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>Every skill and plugin install goes through <c>securestack install-policy</c> first (OpenClaw fails closed on errors).</summary>
internal sealed class InstallPolicyCheck : IDoctorCheck
{
    private const string Id = "openclaw.install-policy";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var problems = new List<string>();
        if (config.Bool("security.installPolicy.enabled") != true)
        {
            problems.Add("security.installPolicy is not enabled");
        }
        var command = config.String("security.installPolicy.exec.command");
        if (command is null || !Path.IsPathRooted(command) || Path.GetFileName(command) != "securestack")
        {
            problems.Add($"exec.command is {command ?? "(unset)"}, not an absolute path to securestack");
        }
        else if (context.Options.Mode == DeploymentMode.Local && !File.Exists(command))
        {
            problems.Add($"{command} does not exist");
        }
        var args = config.Strings("security.installPolicy.exec.args") ?? [];
        if (args.Count == 0 || args[0] != "install-policy")
        {
            problems.Add("exec.args does not start with install-policy");
        }
        if (config.Strings("security.installPolicy.targets") is { } targets && !(targets.Contains("skill") && targets.Contains("plugin")))
        {
            problems.Add($"targets leave out {string.Join(" and ", new[] { "skill", "plugin" }.Except(targets))}");
        }
        yield return problems.Count == 0
            ? CheckResult.Pass(Id, config.Path, $"skill and plugin installs are scanned by {command} install-policy")
            : CheckResult.Fail(Id, config.Path, string.Join("; ", problems),
                "set security.installPolicy = { enabled: true, exec: { command: \"<absolute path>/securestack\", args: [\"install-policy\"] } } and omit targets");
    }
}
