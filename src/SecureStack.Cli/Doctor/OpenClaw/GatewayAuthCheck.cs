namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>Gateway auth: trusted-proxy behind the compose proxy, or a token from the environment natively.</summary>
internal sealed class GatewayAuthCheck : IDoctorCheck
{
    private const string Id = "openclaw.auth";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var mode = config.String("gateway.auth.mode");
        var token = config.String("gateway.auth.token");
        if (context.Options.Mode == DeploymentMode.Docker)
        {
            if (mode != "trusted-proxy")
            {
                yield return CheckResult.Fail(Id, config.Path, $"gateway.auth.mode is {mode ?? "(unset)"}",
                    "set gateway.auth.mode to \"trusted-proxy\" so the gateway accepts only identities the proxy vouches for");
            }
            else if (config.Bool("gateway.auth.trustedProxy.allowLoopback") == true)
            {
                yield return CheckResult.Fail(Id, config.Path, "trustedProxy.allowLoopback lets any local process act as the proxy",
                    "set gateway.auth.trustedProxy.allowLoopback to false");
            }
            else if (string.IsNullOrEmpty(config.String("gateway.auth.trustedProxy.userHeader")))
            {
                yield return CheckResult.Fail(Id, config.Path, "trustedProxy.userHeader is not set",
                    "set gateway.auth.trustedProxy.userHeader to the header the proxy writes (x-remote-user)");
            }
            else
            {
                yield return CheckResult.Pass(Id, config.Path, "trusted-proxy auth, no loopback trust");
            }
            yield break;
        }
        if (mode != "token")
        {
            yield return CheckResult.Fail(Id, config.Path, $"gateway.auth.mode is {mode ?? "(unset)"}",
                "set gateway.auth.mode to \"token\" with token \"${OPENCLAW_GATEWAY_TOKEN}\" (the proxy holds it)");
        }
        else if (!OpenClawConfig.IsEnvReference(token))
        {
            yield return CheckResult.Fail(Id, config.Path, "the gateway token is written into the config file",
                "set gateway.auth.token to \"${OPENCLAW_GATEWAY_TOKEN}\" and keep the value in .env");
        }
        else
        {
            yield return CheckResult.Pass(Id, config.Path, $"token auth, token from {token}");
        }
    }
}
