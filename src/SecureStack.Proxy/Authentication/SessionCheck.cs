namespace SecureStack.Proxy.Authentication;

/// <summary>Whether a request carries a valid, unexpired session cookie for a token that is still configured.</summary>
internal static class SessionCheck
{
    public static bool IsSignedIn(HttpContext context, SessionCookie cookie, TokenStore tokens) =>
        context.Request.Cookies.TryGetValue(cookie.Name, out var value) && cookie.Validate(value) is { } name && tokens.HasName(name);
}
