namespace SecureStack.Cli.Tests;

/// <summary>Where and how <see cref="CliProcess"/> runs the CLI: null means the test's own binary, directory or environment.</summary>
internal sealed record CliInvocation
{
    public string? BinaryDirectory { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set; a null value removes an inherited one.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}
