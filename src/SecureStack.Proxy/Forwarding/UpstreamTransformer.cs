using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Forwarding;

/// <summary>YARP's default copy of the request, then the proxy's header policy (<see cref="UpstreamHeaders"/>).</summary>
internal sealed class UpstreamTransformer(UpstreamHeaders headers) : HttpTransformer
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
}
