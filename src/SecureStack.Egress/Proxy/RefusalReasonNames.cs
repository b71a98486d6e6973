namespace SecureStack.Egress.Proxy;

/// <summary>The snake_case names refusal reasons have in audit events, metrics and response headers.</summary>
public static class RefusalReasonNames
{
    public static string WireName(this RefusalReason reason) => reason switch
    {
        RefusalReason.BadRequest => "bad_request",
        RefusalReason.HeaderTimeout => "header_timeout",
        RefusalReason.NotAllowlisted => "not_allowlisted",
        RefusalReason.AddressLiteral => "address_literal",
        RefusalReason.ForbiddenAddress => "forbidden_address",
        RefusalReason.ResolveFailed => "resolve_failed",
        RefusalReason.ConnectFailed => "connect_failed",
        RefusalReason.TunnelLimit => "tunnel_limit",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
