namespace SecureStack.Scanner.Archives;

/// <summary>An archive expanded past a bound or could not be read; the message says which and where.</summary>
internal sealed class ArchiveLimitException(string message) : Exception(message);
