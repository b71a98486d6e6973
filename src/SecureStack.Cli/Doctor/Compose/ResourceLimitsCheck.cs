namespace SecureStack.Cli.Doctor.Compose;

/// <summary>Memory, CPU and process-count limits on every service, so one runaway cannot starve the host.</summary>
internal sealed class ResourceLimitsCheck : IDoctorCheck
{
    private const string Id = "compose.resource-limits";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        var limits = service.Settings.Map("deploy")?.Map("resources")?.Map("limits");
        var missing = new List<string>();
        if (service.Settings.String("mem_limit") is null && limits?.String("memory") is null)
        {
            missing.Add("memory (mem_limit)");
        }
        if (service.Settings.String("cpus") is null && limits?.String("cpus") is null)
        {
            missing.Add("CPU (cpus)");
        }
        var pids = service.Settings.String("pids_limit") ?? limits?.String("pids");
        if (pids is null or "-1" or "0")
        {
            missing.Add("processes (pids_limit)");
        }
        return missing.Count == 0
            ? CheckResult.Pass(Id, service.Target, "memory, CPU and pids are limited")
            : CheckResult.Fail(Id, service.Target, $"no limit on {string.Join(", ", missing)}",
                $"set mem_limit, cpus and pids_limit on {service.Name}");
    }
}
