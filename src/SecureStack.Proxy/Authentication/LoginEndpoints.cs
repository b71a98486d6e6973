using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Limits;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Authentication;

/// <summary>
/// The login page for browsers: a form that exchanges a token for an HttpOnly, SameSite=Strict session
/// cookie (Secure on TLS) with an expiry, and a sign-out page whose form clears it. Exact paths only: there is no
/// unauthenticated prefix.
/// </summary>
internal sealed class LoginEndpoints(
    RequestDelegate next,
    ProxyOptions options,
    TokenStore tokens,
    SessionCookie cookie,
    LockoutTracker lockout,
    ProxyAudit audit,
    ProxyMetrics metrics,
    ILogger<LoginEndpoints> logger)
{
    public const string LoginPath = "/_securestack/login";
    public const string LogoutPath = "/_securestack/logout";

    private const int MaxFormBytes = 4096;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        var method = context.Request.Method;
        return (path, method) switch
        {
            (LoginPath, "GET" or "HEAD") => PageAsync(context, StatusCodes.Status200OK, LoginPage.Render(error: null)),
            (LogoutPath, "GET" or "HEAD") => PageAsync(context, StatusCodes.Status200OK, LoginPage.RenderSignOut()),
            (LoginPath, "POST") => LoginAsync(context),
            (LogoutPath, "POST") => LogoutAsync(context),
            (LoginPath or LogoutPath, _) => ProxyResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed),
            _ => next(context),
        };
    }

    private async Task LoginAsync(HttpContext context)
    {
        var source = ClientAddress.Of(context);
        if (lockout.IsBanned(source, out var retryAfter))
        {
            metrics.Blocked("lockout");
            await ProxyResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, retryAfter);
            return;
        }

        if (!RequestOrigin.IsFormPostAllowed(context, options.AllowedOrigins))
        {
            await PageAsync(context, StatusCodes.Status403Forbidden, LoginPage.Render(LoginPage.NotFromThisPage));
            return;
        }

        if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxFormBytes)
        {
            await ProxyResponses.WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        var form = await context.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = MaxFormBytes, ValueCountLimit = 4 }, context.RequestAborted);
        var token = form["token"].ToString().Trim();
        try
        {
            if (tokens.Find(token) is not { } match)
            {
                Fail(source, context);
                await PageAsync(context, StatusCodes.Status403Forbidden, LoginPage.Render(LoginPage.WrongToken));
                return;
            }

            audit.Login(source, match.Name);
            var (value, expires) = cookie.Issue(match.Name);
            context.Response.Cookies.Append(cookie.Name, value, new CookieOptions
            {
                HttpOnly = true,
                Secure = cookie.Secure,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Expires = expires,
                MaxAge = cookie.Lifetime,
            });
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect("/");
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
        }
        catch (AuditLogUnavailableException ex)
        {
            Log.AuditUnavailable(logger, ex);
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
        }
    }

    private void Fail(IPAddress source, HttpContext context)
    {
        metrics.AuthFailure();
        Log.AuthFailed(logger, source, "wrong token on the login page");
        audit.AuthFailure(source, "wrong token on the login page", context.Request.Method, LoginPath);
        if (lockout.RecordFailure(source, out var failures))
        {
            Log.LockedOut(logger, source, options.LockoutBan.TotalSeconds, failures);
            audit.Lockout(source, failures);
        }
    }

    private Task LogoutAsync(HttpContext context)
    {
        if (!RequestOrigin.IsFormPostAllowed(context, options.AllowedOrigins))
        {
            return PageAsync(context, StatusCodes.Status403Forbidden, LoginPage.Render(LoginPage.NotFromThisPage));
        }

        context.Response.Cookies.Delete(cookie.Name, new CookieOptions { Path = "/", Secure = cookie.Secure, HttpOnly = true, SameSite = SameSiteMode.Strict });
        context.Response.Redirect(LoginPath);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        return Task.CompletedTask;
    }

    private static Task PageAsync(HttpContext context, int status, string html)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        response.Headers.XFrameOptions = "DENY";
        // Not no-referrer: under it Chromium sends "Origin: null" with the form post, which the CSRF check cannot place.
        response.Headers["Referrer-Policy"] = "same-origin";
        var page = Encoding.UTF8.GetBytes(html);
        response.ContentLength = page.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(page).AsTask();
    }
}
