namespace SecureStack.Egress.Allowlist;

/// <summary>A line of the allowlist that was skipped, and why.</summary>
public sealed record AllowlistProblem(string Source, int Line, string Message)
{
    public override string ToString() => $"{Source}:{Line}: {Message}";
}
