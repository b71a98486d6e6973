namespace SecureStack.Cli.Doctor;

/// <summary>One concern of the deployment; yields a result per target it applies to.</summary>
internal interface IDoctorCheck
{
    IEnumerable<CheckResult> Run(DoctorContext context);
}
