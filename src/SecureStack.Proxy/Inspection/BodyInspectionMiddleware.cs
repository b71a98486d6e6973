using SecureStack.Audit;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// Reads LLM-bound request bodies (the routes of <see cref="PromptRoutes"/>, after OpenClaw's own path rewrite) with
/// <see cref="RequestBodyReader"/> and runs <see cref="RequestBodyInspection"/> over them before forwarding. Compressed bodies
/// (gzip, deflate, br) are decoded up to PROXY_MAX_BODY_BYTES, inspected and forwarded decoded; other encodings get 415, and
/// with no inspector registered any encoding does (compression would hide the prompt). Other requests stream untouched,
/// with no copy of their body. A policy block answers 403 <c>blocked_by_policy</c> with the rule ids.
/// </summary>
internal sealed class BodyInspectionMiddleware(
    RequestDelegate next,
    ProxyOptions options,
    RequestBodyInspection inspection,
    ProxyMetrics metrics,
    ILogger<BodyInspectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!PromptRoutes.TryClassify(request.Method, request.Path.Value ?? "", out var route))
        {
            await next(context);
            return;
        }

        if (!inspection.Enabled)
        {
            if (RequestBodyReader.IsEncoded(request))
            {
                metrics.Blocked("content_encoding");
                await ProxyResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType);
                return;
            }

            await next(context);
            return;
        }

        var read = await RequestBodyReader.ReadAsync(request, options.MaxBodyBytes, context.RequestAborted);
        if (!read.Ok)
        {
            metrics.Blocked(read.Encoding ? "content_encoding" : "body_size");
            await ProxyResponses.WriteAsync(context, read.StatusCode);
            return;
        }

        var identity = (ClientIdentity)context.Items[ClientIdentity.ItemKey]!;
        var body = new RequestBodyContext(route, request.Method, request.Path.Value ?? "", request.ContentType, read.Body, identity, ClientAddress.Of(context));
        InspectionVerdict verdict;
        try
        {
            verdict = await inspection.InspectAsync(body, "inspector", context.RequestAborted);
        }
        catch (AuditLogUnavailableException ex)
        {
            Log.AuditUnavailable(logger, ex);
            await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
            return;
        }

        if (verdict.Refused)
        {
            await (verdict.Rules is { } rules
                ? ProxyResponses.WritePolicyBlockAsync(context, rules)
                : ProxyResponses.WriteAsync(context, verdict.StatusCode));
            return;
        }

        RequestBodyReader.Replace(request, verdict.Replacement ?? read.Body);
        await next(context);
    }
}
