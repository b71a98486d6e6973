namespace SecureStack.Scanner;

/// <summary>
/// The scanner cannot run as configured (missing or invalid rule file, allowlist, metadata). Callers must treat
/// it as "nothing is approved": the message names the file and line to fix.
/// </summary>
public sealed class ScannerConfigurationException : Exception
{
    public ScannerConfigurationException()
    {
    }

    public ScannerConfigurationException(string message)
        : base(message)
    {
    }

    public ScannerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
