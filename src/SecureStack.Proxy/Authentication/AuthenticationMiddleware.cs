using System.Net;
using Microsoft.Net.Http.Headers;
using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Limits;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Authentication;

/// <summary>
/// Authenticates every request that is not a health check or the login page: a Bearer token, or the
/// session cookie (which browsers may use for WebSockets and writes only from this proxy's own or an allowed Origin).
/// Missing or malformed credentials get 401, wrong ones 403, with one generic body; failures count
/// towards the address's lockout, except beside a valid session cookie.
/// </summary>
internal sealed class AuthenticationMiddleware(
    RequestDelegate next,
    ProxyOptions options,
    TokenStore tokens,
    SessionCookie cookie,
    LockoutTracker lockout,
    ProxyAudit audit,
    ProxyMetrics metrics,
    ILogger<AuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var source = ClientAddress.Of(context);
        // A valid session cookie proves an earlier sign-in: a ban on the address (perhaps earned by someone else
        // behind it) does not apply, and nothing the signed-in browser sends counts as a failed credential.
        var signedIn = SessionCheck.IsSignedIn(context, cookie, tokens);
        if (!signedIn && lockout.IsBanned(source, out var retryAfter))
        {
            if (IsBrowserNavigation(context))
            {
                // The login page says why and for how long (LockoutNoticeMiddleware).
                context.Response.Redirect(LoginEndpoints.LoginPath);
                return;
            }

            metrics.Blocked("lockout");
            await ProxyResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, retryAfter);
            return;
        }

        var (identity, status, reason) = Authenticate(context);
        if (identity is null)
        {
            if (reason == "missing credentials" && IsBrowserNavigation(context))
            {
                context.Response.Redirect(LoginEndpoints.LoginPath);
                return;
            }

            await FailAsync(context, source, status, reason, countsTowardsLockout: reason != "missing credentials" && !signedIn);
            return;
        }

        if (identity.ViaCookie && NeedsOrigin(context) && !OriginAllowed(context))
        {
            await FailAsync(context, source, StatusCodes.Status403Forbidden, "session cookie from an origin not allowed", countsTowardsLockout: false);
            return;
        }

        try
        {
            audit.AuthSuccess(context, source, identity.Name, identity.ViaCookie);
        }
        catch (AuditLogUnavailableException ex)
        {
            Log.AuditUnavailable(logger, ex);
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
            return;
        }

        context.Items[ClientIdentity.ItemKey] = identity;
        await next(context);
    }

    private (ClientIdentity? Identity, int Status, string Reason) Authenticate(HttpContext context)
    {
        switch (BearerHeader.Parse(context.Request.Headers.Authorization, out var token))
        {
            case BearerOutcome.Present when tokens.Find(token) is { } match:
                return (new ClientIdentity(match.Name, ViaCookie: false), 200, "");
            case BearerOutcome.Present:
                // The Control UI sends its own gateway device token as a Bearer on its HTTP calls (control-ui-config.json,
                // avatars). With a valid session cookie beside it, the cookie is the credential; the UI's token never
                // reaches the gateway (UpstreamHeaders strips Authorization).
                return FromCookie(context) is { } signedIn
                    ? (signedIn, 200, "")
                    : (null, StatusCodes.Status403Forbidden, "unknown token");
            case BearerOutcome.Malformed:
                return (null, StatusCodes.Status401Unauthorized, "malformed Authorization header");
        }

        if (!context.Request.Cookies.ContainsKey(cookie.Name))
        {
            return (null, StatusCodes.Status401Unauthorized, "missing credentials");
        }

        return FromCookie(context) is { } identity
            ? (identity, 200, "")
            : (null, StatusCodes.Status401Unauthorized, "invalid or expired session cookie");
    }

    private ClientIdentity? FromCookie(HttpContext context) =>
        context.Request.Cookies.TryGetValue(cookie.Name, out var value) && cookie.Validate(value) is { } name && tokens.HasName(name)
            ? new ClientIdentity(name, ViaCookie: true)
            : null;

    private async Task FailAsync(HttpContext context, IPAddress source, int status, string reason, bool countsTowardsLockout)
    {
        metrics.AuthFailure();
        Log.AuthFailed(logger, source, reason);
        // Counted before auditing: a log that cannot be written must not stop the lockout.
        var failures = 0;
        var lockedOut = countsTowardsLockout && lockout.RecordFailure(source, out failures);
        if (lockedOut)
        {
            Log.LockedOut(logger, source, options.LockoutBan.TotalSeconds, failures);
        }

        try
        {
            audit.AuthFailure(source, reason, context.Request.Method, context.Request.Path.Value ?? "");
            if (lockedOut)
            {
                audit.Lockout(source, failures);
            }
        }
        catch (AuditLogUnavailableException ex)
        {
            // The request is refused either way; the operator learns about the log from this line.
            Log.AuditUnavailable(logger, ex);
        }

        await ProxyResponses.WriteAsync(context, status);
    }

    /// <summary>Cookie-carried requests that change state or open a socket must come from an allowed page (CSRF, CSWSH).</summary>
    private static bool NeedsOrigin(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));

    private bool OriginAllowed(HttpContext context) => RequestOrigin.IsSelfOrAllowed(context, options.AllowedOrigins);

    private static bool IsBrowserNavigation(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.WebSockets.IsWebSocketRequest
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Headers.ContainsKey(HeaderNames.Authorization);
}
