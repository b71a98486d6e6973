using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Limits;

namespace SecureStack.Proxy.Health;

/// <summary>
/// The bodies of <c>/healthz</c> and <c>/readyz</c>, written from the health report: <c>{"status":"ok"}</c>, with
/// <c>warnings</c> when degraded; 503 <c>{"status":"not ready","reason":…}</c> when a component check failed (the
/// first, in registration order), else 503 <c>{"status":"upstream unavailable"}</c>. /readyz also tells a banned
/// caller about its own ban.
/// </summary>
internal static class HealthResponse
{
    /// <summary>The tag of checks whose failure is a reason the proxy reports (audit log, prompt rules).</summary>
    public const string ComponentTag = "component";

    private static readonly byte[] Ok = Encoding.UTF8.GetBytes("{\"status\":\"ok\"}");
    private static readonly byte[] NotReady = Encoding.UTF8.GetBytes("{\"status\":\"upstream unavailable\"}");

    public static Task WriteHealthAsync(HttpContext context, HealthReport report) => WriteAsync(context, ready: true, Ok);

    public static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var failed = report.Entries.Values
            .Where(e => e.Status == HealthStatus.Unhealthy && e.Tags.Contains(ComponentTag))
            .Select(e => e.Description ?? e.Exception?.Message ?? "unhealthy")
            .FirstOrDefault();
        var ready = report.Status != HealthStatus.Unhealthy;
        var warnings = report.Entries.Values
            .SelectMany(e => e.Data.TryGetValue(RelayKeysHealthCheck.WarningsKey, out var w) && w is string[] list ? list : [])
            .ToArray();
        var body = ready ? (warnings.Length > 0 ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["status"] = "ok", ["warnings"] = warnings }) : Ok)
            : failed is not null ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["status"] = "not ready", ["reason"] = failed })
            : NotReady;
        if (LockoutOf(context) is { } ban)
        {
            body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["status"] = ready ? "ok" : failed is not null ? "not ready" : "upstream unavailable",
                ["reason"] = failed,
                ["lockout"] = ban,
            });
        }

        return WriteAsync(context, ready, body);
    }

    /// <summary>The caller's own ban, so a client refused with 429 can see why and for how long (it learns nothing of others).</summary>
    private static Dictionary<string, object>? LockoutOf(HttpContext context)
    {
        var lockout = context.RequestServices.GetRequiredService<LockoutTracker>();
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

    private static Task WriteAsync(HttpContext context, bool ready, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
