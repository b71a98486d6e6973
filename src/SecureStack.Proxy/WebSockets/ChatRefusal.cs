using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// What a person sees when the prompt rules block a chat message. A FORBIDDEN <c>res</c> alone leaves only a
/// "Not sent" marker beside the message in OpenClaw 2026.9.6's Control UI, while a run's <c>chat</c> error event is shown
/// as a banner above the composer (verbatim when it starts with "⚠️"). So a blocked <c>chat.send</c> first gets that
/// event for the client's run id (its <c>idempotencyKey</c>), as the gateway raises it for a run that fails, then
/// the refusal; the gateway never sees the message.
/// </summary>
internal static class ChatRefusal
{
    /// <summary>The refusal's text for the client: the rules that blocked it, never the prompt or the audit reason.</summary>
    public static string Message(IReadOnlyList<string> rules) =>
        $"SecureStack blocked this message (prompt security policy); it was not sent to the agent. Rules: {string.Join(", ", rules)}.";

    /// <summary>The chat error event for a blocked <c>chat.send</c>; null for other methods or without a run id.</summary>
    public static byte[]? ErrorEvent(string method, JsonElement frame, IReadOnlyList<string> rules)
    {
        if (method != "chat.send"
            || !frame.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || Text(parameters, "idempotencyKey") is not { } runId || Text(parameters, "sessionKey") is not { } sessionKey)
        {
            return null;
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = "event",
            ["event"] = "chat",
            ["payload"] = new JsonObject
            {
                ["runId"] = runId,
                ["sessionKey"] = sessionKey,
                ["seq"] = 0,
                ["state"] = "error",
                ["errorMessage"] = "⚠️ " + Message(rules),
            },
        });
    }

    private static string? Text(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
