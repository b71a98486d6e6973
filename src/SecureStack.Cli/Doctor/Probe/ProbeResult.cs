namespace SecureStack.Cli.Doctor.Probe;

/// <summary>Whether a probed endpoint is healthy, and what was seen.</summary>
internal sealed record ProbeResult(bool Healthy, string Message);
