namespace SecureStack.Egress.Proxy;

internal enum ProxyRequestKind
{
    /// <summary><c>CONNECT host:port</c>: a byte tunnel (HTTPS).</summary>
    Connect,

    /// <summary><c>GET http://host/path</c>: one plain HTTP request forwarded in origin form.</summary>
    AbsoluteHttp,

    /// <summary>Origin-form request addressed to the proxy itself (health and metrics).</summary>
    Local,
}
