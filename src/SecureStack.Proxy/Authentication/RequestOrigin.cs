namespace SecureStack.Proxy.Authentication;

/// <summary>
/// Where a browser request comes from, for the CSRF and cross-site WebSocket checks on cookie sessions. The proxy's
/// own origin (the scheme and Host the browser used) always counts: the session cookie is host-only and
/// SameSite=Strict, so a page on another host cannot make the browser send it with this Host.
/// </summary>
internal static class RequestOrigin
{
    private const string SecFetchSite = "Sec-Fetch-Site";

    /// <summary>One Origin header naming this proxy or an allowed origin (PROXY_ALLOWED_ORIGINS).</summary>
    public static bool IsSelfOrAllowed(HttpContext context, IReadOnlyList<string> allowed) =>
        context.Request.Headers.Origin is { Count: 1 } origin
        && origin[0] is { } value
        && (string.Equals(value, Self(context), StringComparison.OrdinalIgnoreCase) || allowed.Contains(value, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a login or logout form post may be honoured (login CSRF). A real Origin must be this proxy or an
    /// allowed one. Chromium sends <c>Origin: null</c> for a same-origin form under a strict referrer policy; then
    /// the browser's own <c>Sec-Fetch-Site</c> (which no page script can set) must say <c>same-origin</c>. Without
    /// either header the client is no browser (curl, scripts) and cannot be a CSRF victim.
    /// </summary>
    public static bool IsFormPostAllowed(HttpContext context, IReadOnlyList<string> allowed)
    {
        var headers = context.Request.Headers;
        if (headers.Origin.Count > 0 && !(headers.Origin is { Count: 1 } origin && origin[0] == "null"))
        {
            return IsSelfOrAllowed(context, allowed);
        }

        if (headers.TryGetValue(SecFetchSite, out var site))
        {
            return site is { Count: 1 } && site[0] == "same-origin";
        }

        // Origin "null" with no Sec-Fetch-Site: a sandboxed frame or data: page of an older browser; no way to tell.
        return headers.Origin.Count == 0;
    }

    private static string Self(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host.Value}";
}
