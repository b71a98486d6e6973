namespace SecureStack.Proxy.Inspection;

/// <summary>
/// The proxy's one verdict type, on every path (HTTP bodies, the model relay, WebSocket frames): what an inspector decided
/// about a body or a frame: let it pass, replace it, refuse it, or block it by policy. <see cref="Reason"/> goes to the
/// audit log, never to the client; <see cref="Rules"/> of a policy block are shown to the client, so a person can tell
/// "the prompt was refused" from "the token is wrong".
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

    /// <summary>
    /// The inspector wrote the audit record of what it found itself (the sanitizer's <c>prompt_injection</c>, per field):
    /// the proxy then writes no second record of the same rewrite. A refusal is still recorded by the proxy (<c>policy_denied</c>).
    /// </summary>
    public bool DetectionAudited { get; private init; }

    public static InspectionVerdict Replace(ReadOnlyMemory<byte> replacement, string reason, bool detectionAudited = false) =>
        new() { Replacement = replacement, Reason = reason, DetectionAudited = detectionAudited };

    public static InspectionVerdict Refuse(string reason, int statusCode = StatusCodes.Status400BadRequest) =>
        new() { Refused = true, Reason = reason, StatusCode = statusCode };

    /// <summary>Refused by the prompt security policy: 403 <c>{"error":"blocked_by_policy","rules":[...]}</c>.</summary>
    public static InspectionVerdict Block(string reason, IReadOnlyList<string> rules) =>
        new() { Refused = true, Reason = reason, StatusCode = StatusCodes.Status403Forbidden, Rules = rules };
}
