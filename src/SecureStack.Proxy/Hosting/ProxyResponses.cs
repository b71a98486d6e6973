using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecureStack.Proxy.Hosting;

/// <summary>The short, generic bodies the proxy answers with: no detail about why, no stack trace.</summary>
internal static class ProxyResponses
{
    private static readonly byte[] Unauthorized = Body("unauthorized");
    private static readonly byte[] BadRequest = Body("bad request");
    private static readonly byte[] TooMany = Body("too many requests");
    private static readonly byte[] Refused = Body("request refused");
    private static readonly byte[] Upstream = Body("upstream unavailable");
    private static readonly byte[] Unavailable = Body("service unavailable");
    private static readonly byte[] TooLarge = Body("request too large");

    /// <summary>Writes the generic body for <paramref name="status"/>; 401 and 403 share one body.</summary>
    public static Task WriteAsync(HttpContext context, int status, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var body = status switch
        {
            401 or 403 => Unauthorized,
            400 or 415 => BadRequest,
            413 or 431 => TooLarge,
            429 => TooMany,
            502 or 504 => Upstream,
            503 => Unavailable,
            _ => Refused,
        };
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>
    /// A request refused by the prompt security policy: 403 <c>{"error":"blocked_by_policy","rules":[...]}</c>, distinct
    /// from "unauthorized" so nobody goes looking for a wrong token. Rule ids only, never the prompt or field paths.
    /// </summary>
    public static Task WritePolicyBlockAsync(HttpContext context, IReadOnlyList<string> rules)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        var body = JsonSerializer.SerializeToUtf8Bytes(new PolicyBlockBody("blocked_by_policy", rules), PolicyBlockBody.Options);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    private static byte[] Body(string message) => Encoding.UTF8.GetBytes($"{{\"error\":\"{message}\"}}");
}
