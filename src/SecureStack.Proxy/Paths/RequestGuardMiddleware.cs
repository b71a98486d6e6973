using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Paths;

/// <summary>
/// The first stage: refuses ambiguous targets (<see cref="PathGuard"/>)
/// and ambiguous framing (Content-Length together with Transfer-Encoding) with 400 before anything routes,
/// and declared bodies over PROXY_MAX_BODY_BYTES with 413.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, ProxyOptions options, ProxyMetrics metrics, ILogger<RequestGuardMiddleware> logger)
{
    private const string KestrelRenamedContentLength = "X-Content-Length";

    public async Task InvokeAsync(HttpContext context)
    {
        ClientAddress.Resolve(context, options.TrustedForwarders);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var reason = PathGuard.Check(rawTarget);
        if (reason is null && HasBothLengths(context.Request.Headers))
        {
            reason = "both Content-Length and Transfer-Encoding";
        }

        if (reason is not null)
        {
            Log.Refused(logger, context.Request.Method, ClientAddress.Of(context), reason);
            metrics.Blocked("ambiguous_request");
            context.Response.Headers.Connection = "close";
            await ProxyResponses.WriteAsync(context, StatusCodes.Status400BadRequest);
            return;
        }

        // Refused before forwarding starts: once YARP has sent the headers upstream, a 413 comes too late.
        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            metrics.Blocked("body_size");
            context.Response.Headers.Connection = "close";
            await ProxyResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Kestrel moves Content-Length to X-Content-Length when Transfer-Encoding is also present, before any middleware
    /// runs, so the pair shows as Transfer-Encoding with either name. A client's own X-Content-Length beside
    /// Transfer-Encoding is refused too: nothing legitimate sends it.
    /// </summary>
    private static bool HasBothLengths(IHeaderDictionary headers) =>
        headers.ContainsKey(HeaderNames.TransferEncoding)
        && (headers.ContainsKey(HeaderNames.ContentLength) || headers.ContainsKey(KestrelRenamedContentLength));
}
