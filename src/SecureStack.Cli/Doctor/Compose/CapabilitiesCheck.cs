namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-1: all capabilities dropped; only the egress firewall adds NET_ADMIN back.</summary>
internal sealed class CapabilitiesCheck : IDoctorCheck
{
    private const string Id = "compose.capabilities";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        if (!service.CapDrop.Contains("ALL"))
        {
            return CheckResult.Fail(Id, service.Target, "capabilities are not all dropped",
                $"add `cap_drop: [ALL]` to {service.Name}");
        }
        var allowed = service.IsEgress ? new[] { "NET_ADMIN" } : [];
        var extra = service.CapAdd.Except(allowed).ToList();
        if (extra.Count > 0)
        {
            return CheckResult.Fail(Id, service.Target, $"adds capabilities it does not need: {string.Join(", ", extra)}",
                service.IsEgress ? "egress needs only NET_ADMIN (port 53 is opened by the ip_unprivileged_port_start sysctl)"
                    : $"remove `cap_add` from {service.Name}");
        }
        return CheckResult.Pass(Id, service.Target,
            service.CapAdd.Count == 0 ? "drops all capabilities" : $"drops all capabilities, adds {string.Join(", ", service.CapAdd)}");
    }
}
