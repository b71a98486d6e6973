using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Forwarding;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Inspection;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;
using SecureStack.Proxy.Sanitizing;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// The model relay, <c>/relay/&lt;provider&gt;/v1/...</c>: OpenClaw's <c>models.providers.&lt;id&gt;.baseUrl</c>
/// points here, so every prompt the gateway sends to a model, from any channel, passes the sanitizer. It
/// accepts only the relay key (the gateway never holds a real provider key), inspects user turns, tool
/// results and secrets in the new turn, swaps in the provider's real key and streams the answer back
/// (SSE unbuffered). Bodies it cannot inspect never leave: unknown operations get 404. It shares the main path's
/// route table (<see cref="PromptRoutes"/>), body reader, inspection and audit (<see cref="RequestBodyInspection"/>),
/// bearer parsing and upstream error handling; only its answers differ (OpenAI-style errors, <see cref="RelayRefusal"/>).
/// </summary>
internal sealed class ModelRelayMiddleware(
    RequestDelegate next,
    ProxyOptions options,
    RelaySettings settings,
    PromptSanitizing sanitizing,
    RequestBodyInspection inspection,
    IHttpForwarder forwarder,
    RelayClient client,
    ProxyAudit audit,
    ProxyMetrics metrics,
    MissingKeyNotice missingKey,
    ILogger<ModelRelayMiddleware> logger)
{
    public const string Prefix = "/relay/";

    /// <summary>Who the relay's requests come from: the gateway, authenticated by the relay key.</summary>
    private static readonly ClientIdentity RelayIdentity = new("relay", ViaCookie: false);

    private readonly ForwarderRequestConfig _config = new()
    {
        ActivityTimeout = options.UpstreamTimeout,
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var source = ClientAddress.Of(context);
        try
        {
            await RelayAsync(context, path, source);
        }
        catch (AuditLogUnavailableException ex)
        {
            Log.AuditUnavailable(logger, ex);
            if (!context.Response.HasStarted)
            {
                await ProxyResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
            }
        }
    }

    private async Task RelayAsync(HttpContext context, string path, IPAddress source)
    {
        var request = context.Request;
        var rest = path[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var provider = settings.Find(slash < 0 ? rest : rest[..slash]);
        var remainder = slash < 0 ? "" : rest[slash..];
        if (provider is null || !remainder.StartsWith("/v1/", StringComparison.Ordinal))
        {
            await RefuseAsync(context, source, StatusCodes.Status404NotFound, "no such relay provider or API version");
            return;
        }

        if (!Authenticate(request, out var apiKeyHeader))
        {
            Log.AuthFailed(logger, source, "relay key");
            metrics.Blocked("relay_auth");
            audit.AuthFailure(source, "relay key missing or wrong", request.Method, path);
            await ProxyResponses.WriteAsync(context, StatusCodes.Status401Unauthorized);
            return;
        }

        if (provider.MissingKey)
        {
            await RefuseMissingKeyAsync(context, provider, path, source);
            return;
        }

        if (sanitizing.Unavailable is { } unavailable)
        {
            await RefuseAsync(context, source, StatusCodes.Status503ServiceUnavailable, unavailable);
            return;
        }

        var operation = remainder["/v1".Length..];
        if (HttpMethods.IsPost(request.Method))
        {
            if (PromptRoutes.ClassifyRelayOperation(operation) is not { } route)
            {
                await RefuseAsync(context, source, StatusCodes.Status404NotFound, $"operation {operation} is not relayed");
                return;
            }

            if (!await InspectBodyAsync(context, route, path, source))
            {
                return;
            }
        }
        else if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await RefuseAsync(context, source, StatusCodes.Status405MethodNotAllowed, $"method {request.Method} is not relayed");
            return;
        }

        var error = await forwarder.SendAsync(context, provider.BaseUrl.AbsoluteUri, client.Invoker, _config, new RelayTransformer(provider, operation, apiKeyHeader));
        if (error == ForwarderError.None)
        {
            return;
        }

        await ForwarderFailure.HandleAsync(context, error, "relay:" + provider.Id, audit, logger);
    }

    /// <summary>Reads, decodes and inspects the body as the main path does; false when the request was answered here.</summary>
    private async Task<bool> InspectBodyAsync(HttpContext context, PromptRoute route, string path, IPAddress source)
    {
        var request = context.Request;
        var read = await RequestBodyReader.ReadAsync(request, options.MaxBodyBytes, context.RequestAborted);
        if (!read.Ok)
        {
            await RefuseAsync(context, source, read.StatusCode, read.Failure!);
            return false;
        }

        request.Headers.Remove(HeaderNames.ContentEncoding);
        var masked = GatewayNotice.Mask(read.Body.Span);
        var verdict = await inspection.InspectAsync(
            new RequestBodyContext(route, request.Method, path, request.ContentType, masked ?? read.Body, RelayIdentity, source),
            "relay_inspector", context.RequestAborted);
        if (verdict.Refused)
        {
            await RelayRefusal.WriteAsync(context, verdict);
            return false;
        }

        var forward = verdict.Replacement is not { } replacement ? read.Body
            : masked is null ? replacement
            : GatewayNotice.Restore(replacement.Span);
        RequestBodyReader.Replace(request, forward);
        return true;
    }

    /// <summary>The relay key as <c>Authorization: Bearer</c> (OpenAI-style) or <c>x-api-key</c> (Anthropic-style), compared in constant time.</summary>
    private bool Authenticate(HttpRequest request, out bool apiKeyHeader)
    {
        apiKeyHeader = false;
        string? presented = null;
        if (BearerHeader.Parse(request.Headers.Authorization, out var bearer) == BearerOutcome.Present)
        {
            presented = bearer;
        }
        else if (request.Headers["x-api-key"] is { Count: 1 } apiKey)
        {
            presented = apiKey[0];
            apiKeyHeader = true;
        }

        return presented is { Length: > 0 }
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), settings.KeyHash);
    }

    /// <summary>
    /// 409 with an OpenAI-style error naming the setting. Chosen by how OpenClaw treats statuses (OpenClawMissingKeyTests):
    /// a 503 was retried 8 times over 86 s and shown as "provider internal error ... try again shortly"; 401/403 count as
    /// an auth failure and put the provider in cooldown, so it would stay unusable after the key is set; 400/422 are shown
    /// as a schema rejection. A 409 failed after 4 calls in about 11 s, without cooldown, with this message as the raw error.
    /// </summary>
    private async Task RefuseMissingKeyAsync(HttpContext context, RelayProvider provider, string path, IPAddress source)
    {
        SanitizingLog.RelayRefused(logger, context.Request.Method, path, source, provider.MissingKeyMessage);
        metrics.Blocked("relay_no_key");
        audit.ProxyError(source, "relay:" + provider.Id, "no_api_key", context.Request.Method, path);
        missingKey.Record(provider.MissingKeyMessage);
        var body = MissingKeyNotice.ErrorBody(provider.MissingKeyMessage);
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private async Task RefuseAsync(HttpContext context, IPAddress source, int status, string reason)
    {
        SanitizingLog.RelayRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", source, reason);
        metrics.Blocked("relay");
        await ProxyResponses.WriteAsync(context, status);
    }
}
