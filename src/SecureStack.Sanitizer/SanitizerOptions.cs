namespace SecureStack.Sanitizer;

/// <summary>Limits and switches of the sanitizer; <see cref="Validate"/> names the first bad setting.</summary>
public sealed record SanitizerOptions
{
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Longest text field inspected, in UTF-16 characters; a longer one is refused (it cannot be vouched for).</summary>
    public int MaxFieldChars { get; init; } = 1024 * 1024;

    /// <summary>Time limit of one regex pass; hitting it refuses the input rather than passing it.</summary>
    public TimeSpan MatchTimeout { get; init; } = DefaultMatchTimeout;

    /// <summary>How many layers of encoding (base64 inside base64, tags inside base64) are unwrapped.</summary>
    public int MaxDecodeDepth { get; init; } = 3;

    /// <summary>Encoded segments decoded per field at most; the rest stay as they are.</summary>
    public int MaxDecodedSegments { get; init; } = 64;

    /// <summary>Write the full inspected text into audit events (off: only rule ids, paths and short excerpts).</summary>
    public bool IncludePromptInAudit { get; init; }

    /// <summary>Score every text and decoded view with the learned classifier as well as the rules.</summary>
    public bool UseModel { get; init; } = true;

    /// <summary>Classifier probability at which a text is flagged; unset: the shipped model's default (0.3% false positives on validation sources).</summary>
    public float? ModelFlagThreshold { get; init; }

    /// <summary>Classifier probability at which a text is refused (capped to flag on tool results); unset: the shipped model's default.</summary>
    public float? ModelRejectThreshold { get; init; }

    /// <summary>Skip rules whose required literals a view lacks (off only to prove, in tests, that it changes no finding).</summary>
    internal bool UseLiteralPrefilter { get; init; } = true;

    public void Validate()
    {
        if (MaxFieldChars < 1024)
        {
            throw new ArgumentException($"SanitizerOptions.MaxFieldChars={MaxFieldChars} is below 1024 characters.", nameof(MaxFieldChars));
        }

        if (MatchTimeout <= TimeSpan.Zero || MatchTimeout > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentException($"SanitizerOptions.MatchTimeout={MatchTimeout} must be positive and at most 30 s.", nameof(MatchTimeout));
        }

        if (MaxDecodeDepth is < 0 or > 8)
        {
            throw new ArgumentException($"SanitizerOptions.MaxDecodeDepth={MaxDecodeDepth} must be between 0 and 8.", nameof(MaxDecodeDepth));
        }

        if (ModelFlagThreshold is <= 0 or > 1 || ModelRejectThreshold is <= 0 or > 1)
        {
            throw new ArgumentException($"SanitizerOptions.ModelFlagThreshold={ModelFlagThreshold} and ModelRejectThreshold={ModelRejectThreshold} must be probabilities in (0, 1].");
        }

        if (ModelFlagThreshold > ModelRejectThreshold)
        {
            throw new ArgumentException($"SanitizerOptions.ModelFlagThreshold={ModelFlagThreshold} is above ModelRejectThreshold={ModelRejectThreshold}; flag at or below the reject score.");
        }

        if (MaxDecodedSegments is < 0 or > 4096)
        {
            throw new ArgumentException($"SanitizerOptions.MaxDecodedSegments={MaxDecodedSegments} must be between 0 and 4096.", nameof(MaxDecodedSegments));
        }
    }
}
