namespace SecureStack.Quarantine;

/// <summary>The result of checking a skill folder against its recorded state.</summary>
public enum SkillCheckOutcome
{
    /// <summary>Same checksum as last time (or as its pin or override); not rescanned.</summary>
    Unchanged,

    /// <summary>Scanned and below the threshold; stays.</summary>
    Clean,

    /// <summary>Scanned, flagged (or changed after an override) and moved to quarantine.</summary>
    Quarantined,

    /// <summary>Vanished or is being moved by another process.</summary>
    Skipped,
}
