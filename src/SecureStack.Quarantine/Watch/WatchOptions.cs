namespace SecureStack.Quarantine.Watch;

/// <summary>How <see cref="SkillWatcher"/> batches events and how often it sweeps every root.</summary>
public sealed record WatchOptions
{
    /// <summary>A skill is scanned once nothing under it has changed for this long.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Full sweep of every root, since file-system events can be lost (buffer overflow, network filesystems).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (Settle <= TimeSpan.Zero || Settle > TimeSpan.FromSeconds(1.5))
        {
            throw new QuarantineConfigurationException("watch --settle must be between 1 ms and 1500 ms so flagged skills are quarantined within 2 s");
        }

        if (SweepInterval < TimeSpan.FromSeconds(1))
        {
            throw new QuarantineConfigurationException("watch --sweep must be at least 1 s");
        }
    }
}
