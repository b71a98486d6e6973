namespace SecureStack.Proxy.Authentication;

/// <summary>Who a request was authenticated as: the token's name, and whether a browser session cookie carried it.</summary>
public sealed record ClientIdentity(string Name, bool ViaCookie)
{
    internal static readonly object ItemKey = new();
}
