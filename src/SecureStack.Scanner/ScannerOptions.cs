namespace SecureStack.Scanner;

/// <summary>Where the scanner reads its configuration and how far it goes on one file.</summary>
public sealed record ScannerOptions
{
    /// <summary>The rule file (<c>config/scanner-rules.json</c>); required.</summary>
    public required string RulesPath { get; init; }

    /// <summary>The egress allowlist (<c>config/egress-allowlist.conf</c>); when null every host counts as unlisted.</summary>
    public string? EgressAllowlistPath { get; init; }

    /// <summary>Opt-in community allowlist of skill names and checksums (FR-3 AC-8).</summary>
    public string? CommunityAllowlistPath { get; init; }

    /// <summary>
    /// Registry metadata for the trust score, used instead of the skill folder's own <c>_meta.json</c> /
    /// <c>origin.json</c> (which the skill's author writes); read when the scanner is created.
    /// </summary>
    public string? MetadataPath { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Weights and thresholds of the verdict; the calibrated defaults unless an evaluation tries others.</summary>
    public Verdicts.VerdictWeights VerdictWeights { get; init; } = Verdicts.VerdictWeights.Default;

    /// <summary>Parsing one file longer than this is a finding, not a hang.</summary>
    public TimeSpan ParseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Files larger than this are not parsed (a finding says so); 32 MB by default.</summary>
    public long MaxFileBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>More files than this in one skill is a finding and the rest is not read.</summary>
    public int MaxFiles { get; init; } = 20_000;

    /// <summary>Validates the options, naming the setting that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RulesPath))
        {
            throw new ScannerConfigurationException("ScannerOptions.RulesPath is required (config/scanner-rules.json)");
        }
        if (ParseTimeout <= TimeSpan.Zero)
        {
            throw new ScannerConfigurationException("ScannerOptions.ParseTimeout must be positive");
        }
        if (MaxFileBytes <= 0 || MaxFiles <= 0)
        {
            throw new ScannerConfigurationException("ScannerOptions.MaxFileBytes and MaxFiles must be positive");
        }
    }
}
