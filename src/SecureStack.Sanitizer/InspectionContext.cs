namespace SecureStack.Sanitizer;

/// <summary>Who sent the text and where it was going, for audit events.</summary>
/// <param name="Route">The route or WebSocket method, e.g. <c>/v1/chat/completions</c> or <c>ws:chat.send</c>.</param>
/// <param name="SourceIp">The client address, when known.</param>
/// <param name="UserId">The authenticated user or token name, when known.</param>
public sealed record InspectionContext(string Route, string? SourceIp = null, string? UserId = null)
{
    public static readonly InspectionContext None = new("unknown");
}
