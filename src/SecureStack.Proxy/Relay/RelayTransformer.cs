using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// The relayed request: the provider's real URL for the operation, the relay key and every identity or
/// forwarding header removed, the provider's real key put in the header the caller used
/// (<c>x-api-key</c> for Anthropic-style clients, <c>Authorization: Bearer</c> otherwise).
/// </summary>
internal sealed class RelayTransformer(RelayProvider provider, string operation, bool apiKeyHeader) : HttpTransformer
{
    private static readonly string[] Stripped =
        ["Authorization", "Proxy-Authorization", "x-api-key", "api-key", "Cookie", "Forwarded", "X-Real-IP", "Via", "True-Client-IP"];

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = new Uri(provider.BaseUrl.AbsoluteUri.TrimEnd('/') + operation + httpContext.Request.QueryString.Value);
        var names = proxyRequest.Headers.Select(h => h.Key)
            .Where(n => Stripped.Contains(n, StringComparer.OrdinalIgnoreCase) || n.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var name in names)
        {
            proxyRequest.Headers.Remove(name);
        }

        if (provider.ApiKey is { } key)
        {
            proxyRequest.Headers.TryAddWithoutValidation(apiKeyHeader ? "x-api-key" : "Authorization", apiKeyHeader ? key : "Bearer " + key);
        }
    }
}
