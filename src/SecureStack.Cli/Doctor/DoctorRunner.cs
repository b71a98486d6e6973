using SecureStack.Cli.Doctor.Compose;
using SecureStack.Cli.Doctor.Egress;
using SecureStack.Cli.Doctor.Env;
using SecureStack.Cli.Doctor.OpenClaw;

namespace SecureStack.Cli.Doctor;

/// <summary>Runs every check that applies to the files it was given.</summary>
internal static class DoctorRunner
{
    private static readonly IDoctorCheck[] ComposeChecks =
    [
        new NonRootUserCheck(), new ReadOnlyRootCheck(), new CapabilitiesCheck(), new NoNewPrivilegesCheck(),
        new ResourceLimitsCheck(), new HealthCheckCheck(), new PinnedImageCheck(), new HostIsolationCheck(),
        new PublishedPortsCheck(), new InternalNetworkCheck(), new EgressRoutingCheck(), new VolumeIsolationCheck(),
        new SecretExposureCheck(),
    ];

    private static readonly IDoctorCheck[] EnvChecks = [new EnvPermissionsCheck(), new EnvSecretsCheck(), new ModelKeyCheck()];

    private static readonly IDoctorCheck[] OpenClawChecks =
    [
        new GatewayBindCheck(), new GatewayAuthCheck(), new TrustedProxiesCheck(), new ExecModeCheck(), new SandboxCheck(),
        new InstallPolicyCheck(), new HttpEndpointsCheck(), new ControlUiOriginsCheck(), new HooksTokenCheck(),
    ];

    public static DoctorReport Run(DoctorOptions options)
    {
        var context = DoctorContext.Load(options);
        var results = new List<CheckResult>(context.LoadFailures);
        if (context.Compose is not null)
        {
            results.AddRange(ComposeChecks.SelectMany(c => c.Run(context)));
        }
        if (context.Env is not null)
        {
            results.AddRange(EnvChecks.SelectMany(c => c.Run(context)));
        }
        if (context.OpenClaw is not null)
        {
            results.AddRange(OpenClawChecks.SelectMany(c => c.Run(context)));
        }
        if (options.AllowlistPath is not null)
        {
            results.AddRange(new AllowlistCheck().Run(context));
        }
        return new DoctorReport(results);
    }
}
