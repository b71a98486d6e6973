namespace SecureStack.Cli.Doctor.Env;

/// <summary>FR-7: .env holds every secret, so only its owner may read it.</summary>
internal sealed class EnvPermissionsCheck : IDoctorCheck
{
    private const string Id = "env.permissions";

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var env = context.Env!;
        var octal = Convert.ToString((int)env.Mode, 8);
        yield return (env.Mode & GroupOrOther) == 0
            ? CheckResult.Pass(Id, env.Path, $"mode {octal}: readable by its owner only")
            : CheckResult.Fail(Id, env.Path, $"mode {octal}: other users of this host can read the secrets",
                $"chmod 600 {env.Path}");
    }
}
