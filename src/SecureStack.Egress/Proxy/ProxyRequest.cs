namespace SecureStack.Egress.Proxy;

/// <summary>A parsed request head.</summary>
/// <param name="Kind">CONNECT, absolute-form plain HTTP, or a request for the proxy itself.</param>
/// <param name="Host">Target host as the client wrote it (for IPv6 literals, without brackets).</param>
/// <param name="Port">Target port.</param>
/// <param name="Method">Request method.</param>
/// <param name="PathAndQuery">Origin-form target to send upstream (plain HTTP) or the local path.</param>
/// <param name="Version">HTTP/1.0 or HTTP/1.1.</param>
/// <param name="Headers">Header lines in order, as sent.</param>
internal sealed record ProxyRequest(
    ProxyRequestKind Kind,
    string Host,
    int Port,
    string Method,
    string PathAndQuery,
    string Version,
    IReadOnlyList<KeyValuePair<string, string>> Headers);
