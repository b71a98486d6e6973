namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-1: nothing that hands a container the host: privileged mode, host namespaces, devices, the Docker socket.</summary>
internal sealed class HostIsolationCheck : IDoctorCheck
{
    private const string Id = "compose.host-isolation";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        var problems = new List<string>();
        if (service.Settings.Bool("privileged") == true)
        {
            problems.Add("privileged: true");
        }
        foreach (var key in new[] { "network_mode", "pid", "ipc", "userns_mode", "uts" })
        {
            if (service.Settings.String(key) == "host")
            {
                problems.Add($"{key}: host");
            }
        }
        if (service.Settings.List("devices").Count > 0)
        {
            problems.Add("devices");
        }
        if (service.Volumes.Any(v => v.Source.Contains("docker.sock", StringComparison.Ordinal)))
        {
            problems.Add("the Docker socket is mounted");
        }
        return problems.Count == 0
            ? CheckResult.Pass(Id, service.Target, "no privileged mode, host namespace, device or Docker socket")
            : CheckResult.Fail(Id, service.Target, $"reaches the host: {string.Join(", ", problems)}",
                $"remove {string.Join(", ", problems)} from {service.Name}");
    }
}
