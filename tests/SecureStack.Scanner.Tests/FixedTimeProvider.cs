namespace SecureStack.Scanner.Tests;

/// <summary>A clock that always says <paramref name="now"/>, so day counts in the trust score are exact.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
