namespace SecureStack.Scanner.Verdicts;

/// <summary>What the scanner concludes about a whole skill; ordered so that comparisons mean "at least as bad".</summary>
public enum VerdictLevel
{
    Clean,
    Suspicious,
    Malicious,
}
