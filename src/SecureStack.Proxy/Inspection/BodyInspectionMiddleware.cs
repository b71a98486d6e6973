using Microsoft.Net.Http.Headers;
using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;
using SecureStack.Sanitizer.Inspection;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// Reads LLM-bound request bodies (the routes of <see cref="PromptRoutes"/>, after OpenClaw's own path rewrite) and runs the registered
/// <see cref="IRequestBodyInspector"/>s over them before forwarding. Compressed bodies (gzip, deflate, br) are
/// decoded up to PROXY_MAX_BODY_BYTES, inspected and forwarded decoded; other encodings get 415, and with no
/// inspector registered any encoding does (compression would hide the prompt). Other requests stream untouched,
/// with no copy of their body. A policy block answers 403 <c>blocked_by_policy</c> with the rule ids.
/// </summary>
internal sealed class BodyInspectionMiddleware(
    RequestDelegate next,
    ProxyOptions options,
    IEnumerable<IRequestBodyInspector> inspectors,
    ProxyAudit audit,
    ProxyMetrics metrics,
    ILogger<BodyInspectionMiddleware> logger)
{
    private readonly IRequestBodyInspector[] _inspectors = [.. inspectors];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!PromptRoutes.TryClassify(request.Method, request.Path.Value ?? "", out var route))
        {
            await next(context);
            return;
        }

        var encoding = request.Headers.ContentEncoding;
        var encoded = encoding.Count > 0 && !encoding.All(e => "identity".Equals(e, StringComparison.OrdinalIgnoreCase));
        if (encoded && _inspectors.Length == 0)
        {
            metrics.Blocked("content_encoding");
            await ProxyResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType);
            return;
        }

        if (_inspectors.Length == 0)
        {
            await next(context);
            return;
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            metrics.Blocked("body_size");
            await ProxyResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = await ReadBodyAsync(request, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            metrics.Blocked("body_size");
            await ProxyResponses.WriteAsync(context, ex.StatusCode);
            return;
        }

        await SocketThreads.LeaveAsync();
        if (encoded)
        {
            var decoded = BodyDecompressor.Decompress(body, encoding.ToString(), (int)Math.Min(options.MaxBodyBytes, int.MaxValue));
            if (decoded.Status != DecompressionStatus.Ok)
            {
                metrics.Blocked("content_encoding");
                await ProxyResponses.WriteAsync(context, decoded.StatusCode);
                return;
            }

            body = decoded.Body;
            request.Headers.Remove(HeaderNames.ContentEncoding);
        }

        var identity = (ClientIdentity)context.Items[ClientIdentity.ItemKey]!;
        var source = ClientAddress.Of(context);
        var target = $"{request.Method} {request.Path}";
        foreach (var inspector in _inspectors)
        {
            InspectionVerdict verdict;
            try
            {
                verdict = await inspector.InspectAsync(
                    new RequestBodyContext(route, request.Method, request.Path.Value ?? "", request.ContentType, body, identity, source),
                    context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.InspectorFailed(logger, inspector.Name, ex);
                verdict = InspectionVerdict.Refuse("inspector failed", StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                if (verdict.Refused)
                {
                    Log.InspectorRefused(logger, inspector.Name, source, verdict.Reason ?? "");
                    metrics.Blocked("inspector");
                    if (verdict.Rules is { } rules)
                    {
                        audit.PolicyDenied(source, identity.Name, "blocked_by_policy", inspector.Name, verdict.Reason ?? "", target, rules);
                        await ProxyResponses.WritePolicyBlockAsync(context, rules);
                        return;
                    }

                    audit.PolicyDenied(source, identity.Name, "inspect_request", inspector.Name, verdict.Reason ?? "", target);
                    await ProxyResponses.WriteAsync(context, verdict.StatusCode);
                    return;
                }

                if (verdict.Replacement is { } replacement)
                {
                    audit.Rewritten(source, identity.Name, inspector.Name, verdict.Reason ?? "", target);
                    body = replacement;
                }
            }
            catch (AuditLogUnavailableException ex)
            {
                Log.AuditUnavailable(logger, ex);
                await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
                return;
            }
        }

        request.Headers.Remove(HeaderNames.TransferEncoding);
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body.ToArray(), writable: false);
        await next(context);
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxBodyBytes)
            {
                throw new BadHttpRequestException("body too large", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
