namespace SecureStack.Cli.Doctor.Compose;

/// <summary>
/// FR-2: OpenClaw sits only on an <c>internal: true</c> network (no route out); egress bridges that network
/// and the outside; the proxy shares the internal network with OpenClaw; everything else has no way out.
/// </summary>
internal sealed class InternalNetworkCheck : IDoctorCheck
{
    private const string Id = "compose.network-isolation";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var compose = context.Compose!;
        var openClawNetworks = compose.OpenClaw?.Networks ?? [];
        return compose.Services.Select(service => Check(compose, service, openClawNetworks));
    }

    private static CheckResult Check(ComposeFile compose, ComposeService service, IReadOnlyList<string> openClawNetworks)
    {
        if (service.Settings.String("network_mode") == "none")
        {
            return CheckResult.Pass(Id, service.Target, "no network at all (network_mode: none)");
        }
        var networks = service.Networks.Count == 0 ? ["default"] : service.Networks;
        var external = networks.Where(n => !compose.IsInternalNetwork(n)).ToList();
        if (service.IsOpenClaw)
        {
            return external.Count == 0
                ? CheckResult.Pass(Id, service.Target, $"only on internal networks: {string.Join(", ", networks)}")
                : CheckResult.Fail(Id, service.Target, $"on networks with a route out: {string.Join(", ", external)}",
                    "attach openclaw only to a network declared with `internal: true`; its way out is the egress proxy");
        }
        if (service.IsEgress)
        {
            var bridges = networks.Any(compose.IsInternalNetwork) && external.Count > 0;
            return bridges
                ? CheckResult.Pass(Id, service.Target, "bridges the internal network and the outside")
                : CheckResult.Fail(Id, service.Target, "is not on both an internal and an outside network",
                    "attach egress to the internal network (for OpenClaw) and to one non-internal network (for the allowlisted APIs)");
        }
        if (service.IsProxy)
        {
            return networks.Intersect(openClawNetworks).Any(compose.IsInternalNetwork)
                ? CheckResult.Pass(Id, service.Target, "reaches OpenClaw over the internal network")
                : CheckResult.Fail(Id, service.Target, "shares no internal network with OpenClaw",
                    "attach the proxy to OpenClaw's internal network");
        }
        return external.Count == 0
            ? CheckResult.Pass(Id, service.Target, "only on internal networks")
            : CheckResult.Fail(Id, service.Target, $"on networks with a route out: {string.Join(", ", external)}",
                $"give {service.Name} `network_mode: none` or only internal networks");
    }
}
