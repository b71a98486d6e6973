namespace SecureStack.Proxy.Inspection;

/// <summary>
/// What an inspector decided about a body or a WebSocket frame: let it pass, replace it, refuse it, or block it by
/// policy. <see cref="Reason"/> goes to the audit log, never to the client; <see cref="Rules"/> of a policy block
/// are shown to the client, so a person can tell "the prompt was refused" from "the token is wrong".
/// </summary>
public sealed record InspectionVerdict
{
    public static readonly InspectionVerdict Allow = new();

    /// <summary>Set when the inspector rewrote the content (for example stripped an injected instruction).</summary>
    public ReadOnlyMemory<byte>? Replacement { get; private init; }

    public bool Refused { get; private init; }

    /// <summary>HTTP status for a refused request body (400 unless the inspector says otherwise).</summary>
    public int StatusCode { get; private init; } = StatusCodes.Status200OK;

    public string? Reason { get; private init; }

    /// <summary>For a policy block, the rule ids that refused the content; null for other refusals.</summary>
    public IReadOnlyList<string>? Rules { get; private init; }

    public static InspectionVerdict Replace(ReadOnlyMemory<byte> replacement, string reason) =>
        new() { Replacement = replacement, Reason = reason };

    public static InspectionVerdict Refuse(string reason, int statusCode = StatusCodes.Status400BadRequest) =>
        new() { Refused = true, Reason = reason, StatusCode = statusCode };

    /// <summary>Refused by the prompt security policy: 403 <c>{"error":"blocked_by_policy","rules":[...]}</c>.</summary>
    public static InspectionVerdict Block(string reason, IReadOnlyList<string> rules) =>
        new() { Refused = true, Reason = reason, StatusCode = StatusCodes.Status403Forbidden, Rules = rules };
}
