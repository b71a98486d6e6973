using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Paths;

/// <summary>
/// The first stage: times every request for the metrics, and refuses ambiguous targets (<see cref="PathGuard"/>)
/// and ambiguous framing (Content-Length together with Transfer-Encoding) with 400 before anything routes.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, ProxyMetrics metrics, ILogger<RequestGuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            var reason = PathGuard.Check(rawTarget);
            if (reason is null && context.Request.Headers.ContainsKey(HeaderNames.TransferEncoding)
                && context.Request.Headers.ContainsKey(HeaderNames.ContentLength))
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

            await next(context);
        }
        finally
        {
            metrics.Request(context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
