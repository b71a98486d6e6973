namespace SecureStack.Testing;

/// <summary>How <see cref="ProcessRunner"/> starts a command; null means what the test process has.</summary>
public sealed record ProcessOptions
{
    /// <summary>Variables to set; a null value removes an inherited one.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Written to standard input, which is then closed; null leaves standard input alone.</summary>
    public string? Input { get; init; }
}
