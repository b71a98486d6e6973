namespace SecureStack.Cli.Doctor.Compose;

/// <summary>
/// Audit logs, quarantine and the SQLite state live in named volumes that OpenClaw never mounts; what
/// OpenClaw mounts from the host or from securestack is read-only.
/// </summary>
internal sealed class VolumeIsolationCheck : IDoctorCheck
{
    private const string Id = "compose.volumes";

    /// <summary>Volumes the agent must not reach: it could erase its tracks or release its own quarantine.</summary>
    private static readonly string[] Protected = ["audit", "quarantine", "db"];

    /// <summary>
    /// OpenClaw's own state, which it must be able to write, and the state of the install-policy hook that runs in its
    /// container (as writable by the agent as anything there, so it never holds the watcher's decisions).
    /// </summary>
    private static readonly string[] OpenClawWritable = ["openclaw-state", "skills", "workspace", "agents-skills", "install-policy"];

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var compose = context.Compose!;
        foreach (var volume in Protected)
        {
            var target = $"volume {volume}";
            if (!compose.VolumeNames.Contains(volume))
            {
                yield return CheckResult.Fail(Id, target, "is not declared as a named volume",
                    $"declare `{volume}` under the top-level `volumes:` and mount it where it is written");
                continue;
            }
            var users = compose.Services.Where(s => s.Volumes.Any(v => v.Source == volume)).ToList();
            if (users.Count == 0)
            {
                yield return CheckResult.Fail(Id, target, "is declared but no service mounts it, so that data is lost with its container",
                    $"mount `{volume}` into the services that write it");
                continue;
            }
            var openClaw = users.Where(s => s.IsOpenClaw).Select(s => s.Name).ToList();
            yield return openClaw.Count == 0
                ? CheckResult.Pass(Id, target, $"mounted only by {string.Join(", ", users.Select(s => s.Name))}")
                : CheckResult.Fail(Id, target, $"mounted into {string.Join(", ", openClaw)}, where the agent could change it",
                    $"remove the `{volume}` mount from {string.Join(", ", openClaw)}");
        }
        if (compose.OpenClaw is { } gateway)
        {
            var writable = gateway.Volumes.Where(v => !v.ReadOnly && !OpenClawWritable.Contains(v.Source)).ToList();
            yield return writable.Count == 0
                ? CheckResult.Pass(Id, gateway.Target, "mounts only its own state writable; config and securestack read-only")
                : CheckResult.Fail(Id, gateway.Target,
                    $"writable mounts beyond its own state: {string.Join(", ", writable.Select(v => $"{v.Source}:{v.Target}"))}",
                    "append `:ro` to these mounts (config, certificates, the securestack binary)");
        }
    }
}
