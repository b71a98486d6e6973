using System.Globalization;
using System.Net;
using System.Text;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Limits;

/// <summary>
/// The login page while the visitor's address is banned: a page (429, Retry-After) that says so and for how long,
/// instead of the form or a bare JSON error, for every method. A browser with a valid session cookie is not banned
/// and gets the normal page.
/// </summary>
internal sealed class LockoutNoticeMiddleware(RequestDelegate next, LockoutTracker lockout, SessionCookie cookie, TokenStore tokens, TimeProvider time, ProxyMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Value != LoginEndpoints.LoginPath
            || !lockout.IsBanned(ClientAddress.Of(context), out var retryAfter)
            || SessionCheck.IsSignedIn(context, cookie, tokens))
        {
            return next(context);
        }

        metrics.Blocked("lockout");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        response.Headers.XFrameOptions = "DENY";
        var page = Encoding.UTF8.GetBytes(Render(AddressGroup.Describe(ClientAddress.Of(context)), retryAfter, time.GetUtcNow() + retryAfter));
        response.ContentLength = page.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(page).AsTask();
    }

    /// <summary>"10 minutes", "1 minute", "42 seconds": rounded up, so the page never promises too early.</summary>
    internal static string Remaining(TimeSpan left) =>
        left >= TimeSpan.FromMinutes(1)
            ? Plural((int)Math.Ceiling(left.TotalMinutes), "minute")
            : Plural(Math.Max(1, (int)Math.Ceiling(left.TotalSeconds)), "second");

    private static string Plural(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");

    private static string Render(string group, TimeSpan left, DateTimeOffset until) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>OpenClaw Secure Stack: sign-in paused</title>
        <style>
        body { font-family: system-ui, sans-serif; background: #0f172a; color: #e2e8f0; display: grid; place-items: center; min-height: 100vh; margin: 0; }
        main { background: #1e293b; padding: 2rem; border-radius: 12px; width: min(28rem, 90vw); }
        h1 { font-size: 1.2rem; margin: 0 0 1rem; }
        p.hint { color: #94a3b8; font-size: .85rem; }
        </style>
        </head>
        <body>
        <main>
        <h1>Sign-in is paused for your address</h1>
        <p>Too many sign-in attempts with a wrong token came from {{WebUtility.HtmlEncode(group)}}. Try again in {{Remaining(left)}} (at {{until.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)}} UTC).</p>
        <p class="hint">Browsers that are already signed in keep working. The token is API_TOKEN in the stack's .env file; the ban's length is PROXY_LOCKOUT_BAN_SECONDS.</p>
        </main>
        </body>
        </html>
        """;
}
