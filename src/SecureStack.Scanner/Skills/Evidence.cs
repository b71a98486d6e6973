namespace SecureStack.Scanner.Skills;

/// <summary>Where a capability was seen (file and 1-based line) and what it looked like.</summary>
internal sealed record Evidence(string File, int Line, string What);
