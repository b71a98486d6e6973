namespace SecureStack.Cli.Doctor.Compose;

/// <summary>Every long-running service has a health check (one-shot jobs exit instead).</summary>
internal sealed class HealthCheckCheck : IDoctorCheck
{
    private const string Id = "compose.healthcheck";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        if (service.IsOneShot)
        {
            return CheckResult.Pass(Id, service.Target, "one-shot job (restart: \"no\"); its exit status is its health");
        }
        var health = service.Settings.Map("healthcheck");
        var test = health?.List("test") ?? [];
        if (health is null || health.Bool("disable") == true || test.Count == 0 || test[0] == "NONE")
        {
            return CheckResult.Fail(Id, service.Target, "no health check",
                $"add a `healthcheck` with an exec-form test to {service.Name} (images without a shell: [\"CMD\", \"/app/securestack\", \"doctor\", \"probe\", URL])");
        }
        return CheckResult.Pass(Id, service.Target, $"health check: {string.Join(' ', test.Skip(1))}");
    }
}
