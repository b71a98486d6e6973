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
        var stripped = proxyRequest.Headers.Select(h => h.Key).Where(headers.IsStripped).ToList();
        foreach (var name in stripped)
        {
            proxyRequest.Headers.Remove(name);
        }

        if (proxyRequest.Headers.TryGetValues("Cookie", out var cookies))
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
