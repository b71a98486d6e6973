namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>The gateway listens only where the proxy reaches it: loopback natively, the internal network in Docker.</summary>
internal sealed class GatewayBindCheck : IDoctorCheck
{
    private const string Id = "openclaw.bind";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var bind = config.String("gateway.bind") ?? "loopback";
        var authMode = config.String("gateway.auth.mode");
        if (context.Options.Mode == DeploymentMode.Local)
        {
            yield return bind == "loopback"
                ? CheckResult.Pass(Id, config.Path, "gateway.bind is loopback")
                : CheckResult.Fail(Id, config.Path, $"gateway.bind is {bind}: other hosts reach the gateway around the proxy",
                    "set gateway.bind to \"loopback\"");
            yield break;
        }
        yield return bind is "lan" or "custom" && authMode == "trusted-proxy"
            ? CheckResult.Pass(Id, config.Path, $"gateway.bind is {bind}, reachable only on the internal network, trusted-proxy auth")
            : CheckResult.Fail(Id, config.Path,
                bind == "loopback" ? "gateway.bind is loopback: the proxy container cannot reach it"
                    : $"gateway.bind is {bind} with auth mode {authMode ?? "(default)"}",
                "in Docker set gateway.bind to \"lan\" with gateway.auth.mode \"trusted-proxy\"; the internal network keeps it private");
    }
}
