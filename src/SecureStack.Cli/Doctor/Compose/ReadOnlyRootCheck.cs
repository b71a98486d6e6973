namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-1: the root filesystem is read-only; only volumes and tmpfs are writable.</summary>
internal sealed class ReadOnlyRootCheck : IDoctorCheck
{
    private const string Id = "compose.read-only";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(service =>
        service.Settings.Bool("read_only") == true
            ? CheckResult.Pass(Id, service.Target, "read-only root filesystem")
            : CheckResult.Fail(Id, service.Target, "the root filesystem is writable",
                $"add `read_only: true` to {service.Name} and a tmpfs for each directory it must write (e.g. /tmp)"));
}
