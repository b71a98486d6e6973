namespace SecureStack.Proxy.Authentication;

/// <summary>What the Authorization header held.</summary>
internal enum BearerOutcome
{
    Missing,
    Malformed,
    Present,
}
