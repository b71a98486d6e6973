namespace SecureStack.Cli.Commands;

/// <summary>What a quarantine-related command needs opened, and from where its settings come.</summary>
internal enum QuarantineAccess
{
    /// <summary>A service (watch, install-policy): the environment it was started with, scanner and audit log opened at once.</summary>
    Service,

    /// <summary>A person's command that changes state (override, rescan, release): scanner and audit log opened at once.</summary>
    Change,

    /// <summary>A person's read-only command (list, show): the scanner and audit log are opened only if the database needs recovery.</summary>
    Read,
}
