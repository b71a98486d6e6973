namespace SecureStack.Proxy.Inspection;

/// <summary>
/// What an inspector decided about a body or a WebSocket frame: let it pass, replace it, or refuse it.
/// <see cref="Reason"/> goes to the audit log, never to the client.
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

    public static InspectionVerdict Replace(ReadOnlyMemory<byte> replacement, string reason) =>
        new() { Replacement = replacement, Reason = reason };

    public static InspectionVerdict Refuse(string reason, int statusCode = StatusCodes.Status400BadRequest) =>
        new() { Refused = true, Reason = reason, StatusCode = statusCode };
}
