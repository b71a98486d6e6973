using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Relay;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Forwarding;

/// <summary>
/// YARP's default copy of the request, then the proxy's header policy (<see cref="UpstreamHeaders"/>); the gateway's
/// answer as it is, except a failed chat turn that the relay refused for a missing key (<see cref="MissingKeyNotice"/>).
/// </summary>
internal sealed class UpstreamTransformer(UpstreamHeaders headers, MissingKeyNotice missingKey) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        // Looked up on the client's header dictionary, which is cheap to walk: enumerating proxyRequest.Headers
        // would parse every value.
        foreach (var header in httpContext.Request.Headers)
        {
            if (headers.IsStripped(header.Key, httpContext.Request.Path))
            {
                proxyRequest.Headers.Remove(header.Key);
            }
        }

        if (httpContext.Request.Headers.Cookie.Count > 0 && proxyRequest.Headers.TryGetValues("Cookie", out var cookies))
        {
            proxyRequest.Headers.Remove("Cookie");
            if (headers.CookiesWithoutSession(string.Join("; ", cookies)) is { } kept)
            {
                proxyRequest.Headers.TryAddWithoutValidation("Cookie", kept);
            }
        }

        var identity = (ClientIdentity)httpContext.Items[ClientIdentity.ItemKey]!;
        foreach (var (name, value) in headers.Added(httpContext, identity, ClientAddress.Of(httpContext)))
        {
            proxyRequest.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is null || (int)proxyResponse.StatusCode < StatusCodes.Status500InternalServerError
            || !IsChatTurn(httpContext.Request.Path) || missingKey.Recent is not { } named)
        {
            return copyBody;
        }

        // The gateway says "internal error"; the relay's answer says what to do. Same status as the relay's.
        var body = MissingKeyNotice.ErrorBody(named);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status409Conflict;
        response.Headers.ContentEncoding = default;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
        return false;
    }

    private static bool IsChatTurn(PathString path) =>
        path.Value is { } value && (value.EndsWith("/v1/chat/completions", StringComparison.Ordinal) || value.EndsWith("/v1/responses", StringComparison.Ordinal));
}
