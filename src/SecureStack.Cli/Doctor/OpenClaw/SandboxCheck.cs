namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>
/// Tools run in OpenClaw's sandbox, or, where no sandbox backend can run (it needs the Docker socket,
/// which would hand the agent the host), exec is restricted instead.
/// </summary>
internal sealed class SandboxCheck : IDoctorCheck
{
    private const string Id = "openclaw.sandbox";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var sandbox = config.String("agents.defaults.sandbox.mode") ?? "off";
        if (sandbox is "all" or "non-main")
        {
            yield return CheckResult.Pass(Id, config.Path, $"sandbox mode {sandbox}");
            yield break;
        }
        var exec = config.String("tools.exec.mode");
        yield return exec is "deny" or "allowlist"
            ? CheckResult.Pass(Id, config.Path, $"sandbox {sandbox} (no backend without the Docker socket); exec restricted to {exec} instead")
            : CheckResult.Fail(Id, config.Path, $"sandbox {sandbox} and exec mode {exec ?? "full (default)"}: the agent runs any command on the gateway host",
                "set tools.exec.mode to \"allowlist\", or agents.defaults.sandbox.mode to \"all\" where a sandbox backend runs");
    }
}
