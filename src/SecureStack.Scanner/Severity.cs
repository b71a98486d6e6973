namespace SecureStack.Scanner;

/// <summary>How bad a finding is; ordered so that comparisons mean "at least as bad".</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
