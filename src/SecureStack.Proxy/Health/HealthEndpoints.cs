using System.Text;
using System.Text.Json;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Forwarding;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Health;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the gateway answers its own /healthz), the only
/// paths served without authentication; exact match, GET or HEAD. A failed <see cref="IReadinessCheck"/>
/// (the prompt rules) makes /readyz 503 with its reason; a relay provider without a key is a warning in a ready answer.
/// </summary>
internal sealed class HealthEndpoints(
    RequestDelegate next, ProxyOptions options, UpstreamClient upstream, TimeProvider time, IEnumerable<IReadinessCheck> checks, LockoutTracker lockout)
{
    private static readonly byte[] Ok = Encoding.UTF8.GetBytes("{\"status\":\"ok\"}");
    private static readonly byte[] NotReady = Encoding.UTF8.GetBytes("{\"status\":\"upstream unavailable\"}");
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(3);

    /// <summary>/readyz needs no authentication, so its answer is reused briefly rather than asking the gateway per request.</summary>
    private static readonly TimeSpan ReadyCacheTime = TimeSpan.FromSeconds(1);

    private readonly Uri _upstreamHealth = new(options.Upstream, "/healthz");
    private readonly IReadinessCheck[] _checks = [.. checks];

    /// <summary>Ready, but chat through these providers is refused until a person adds the key.</summary>
    private readonly string[] _warnings = [.. options.Relay?.Providers.Where(p => p.MissingKey).Select(p => p.MissingKeyMessage) ?? []];
    private readonly Lock _gate = new();
    private (long Timestamp, bool Ready)? _lastReady;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not ("/healthz" or "/readyz"))
        {
            await next(context);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await ProxyResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed);
            return;
        }

        var failed = path == "/readyz" ? _checks.Select(c => c.NotReadyReason).FirstOrDefault(r => r is not null) : null;
        var ready = path == "/healthz" || (failed is null && await UpstreamReadyAsync(context.RequestAborted));
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = ready ? (path == "/readyz" && _warnings.Length > 0 ? OkWithWarnings() : Ok)
            : failed is not null ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["status"] = "not ready", ["reason"] = failed })
            : NotReady;
        if (path == "/readyz" && LockoutOf(context) is { } ban)
        {
            body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["status"] = ready ? "ok" : failed is not null ? "not ready" : "upstream unavailable",
                ["reason"] = failed,
                ["lockout"] = ban,
            });
        }

        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>The caller's own ban, so a client refused with 429 can see why and for how long (it learns nothing of others).</summary>
    private Dictionary<string, object>? LockoutOf(HttpContext context)
    {
        var source = ClientAddress.Of(context);
        return lockout.IsBanned(source, out var retryAfter)
            ? new Dictionary<string, object>
            {
                ["address"] = AddressGroup.Describe(source),
                ["retry_after_seconds"] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)),
                ["reason"] = "too many failed authentications; a valid session cookie or waiting lifts it",
            }
            : null;
    }

    private byte[] OkWithWarnings() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["status"] = "ok", ["warnings"] = _warnings });

    private async Task<bool> UpstreamReadyAsync(CancellationToken aborted)
    {
        lock (_gate)
        {
            if (_lastReady is { } last && time.GetElapsedTime(last.Timestamp) < ReadyCacheTime)
            {
                return last.Ready;
            }
        }

        var ready = await AskUpstreamAsync(aborted);
        lock (_gate)
        {
            _lastReady = (time.GetTimestamp(), ready);
        }

        return ready;
    }

    private async Task<bool> AskUpstreamAsync(CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _upstreamHealth);
            using var response = await upstream.Invoker.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
