using System.Text;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Forwarding;
using SecureStack.Proxy.Hosting;

namespace SecureStack.Proxy.Health;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the gateway answers its own /healthz), the only
/// paths served without authentication; exact match, GET or HEAD.
/// </summary>
internal sealed class HealthEndpoints(RequestDelegate next, ProxyOptions options, UpstreamClient upstream)
{
    private static readonly byte[] Ok = Encoding.UTF8.GetBytes("{\"status\":\"ok\"}");
    private static readonly byte[] NotReady = Encoding.UTF8.GetBytes("{\"status\":\"upstream unavailable\"}");
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(3);

    private readonly Uri _upstreamHealth = new(options.Upstream, "/healthz");

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

        var ready = path == "/healthz" || await UpstreamReadyAsync(context.RequestAborted);
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = ready ? Ok : NotReady;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task<bool> UpstreamReadyAsync(CancellationToken aborted)
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
