namespace SecureStack.Egress.Proxy;

/// <summary>Why the proxy refused a request; written to the audit log in snake_case.</summary>
public enum RefusalReason
{
    /// <summary>Not a CONNECT or absolute-form http:// request the proxy understands.</summary>
    BadRequest,

    /// <summary>The client did not send a complete request head in time.</summary>
    HeaderTimeout,

    /// <summary>The host and port are not on the allowlist.</summary>
    NotAllowlisted,

    /// <summary>The target was an IP address: the allowlist names hosts.</summary>
    AddressLiteral,

    /// <summary>The name resolved to a loopback, private, link-local, CGNAT, multicast or otherwise non-public address.</summary>
    ForbiddenAddress,

    /// <summary>The name did not resolve (the allowlisting resolver answers NXDOMAIN for names it does not know).</summary>
    ResolveFailed,

    /// <summary>No resolved address accepted the connection.</summary>
    ConnectFailed,

    /// <summary>Too many connections at once.</summary>
    TunnelLimit,
}
