namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-1: no process in the container can gain privileges (setuid binaries, file capabilities).</summary>
internal sealed class NoNewPrivilegesCheck : IDoctorCheck
{
    private const string Id = "compose.no-new-privileges";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(service =>
        service.Settings.List("security_opt").Any(o => o.Replace('=', ':') is "no-new-privileges" or "no-new-privileges:true")
            ? CheckResult.Pass(Id, service.Target, "no-new-privileges is set")
            : CheckResult.Fail(Id, service.Target, "processes may gain privileges through setuid binaries",
                $"add `security_opt: [\"no-new-privileges:true\"]` to {service.Name}"));
}
