using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// The relay's last "no API key" answer, so what the gateway tells the person can name it. OpenClaw 2026.9.6 never
/// shows provider text: a failed turn reads "⚠️ openai/gpt-5 request failed (HTTP 409)." in the Control UI and
/// "internal error" on its HTTP API. For a short while after the relay refused for a missing key, the proxy puts the
/// relay's message in their place on the way back; later, unrelated failures keep the gateway's words.
/// </summary>
internal sealed class MissingKeyNotice(TimeProvider time)
{
    // OpenClaw gives up on a 409 after about 11 s; a person retrying within two minutes still gets the name.
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(2);

    private volatile Refusal? _last;

    public void Record(string message) => _last = new Refusal(message, time.GetUtcNow());

    /// <summary>The relay's message when it refused recently, else null: one field read on the hot path.</summary>
    public string? Recent => _last is { } last && time.GetUtcNow() - last.At < Fresh ? last.Message : null;

    /// <summary>A gateway chat error event whose text is OpenClaw's 409 copy, with the relay's message instead; else null.</summary>
    public static byte[]? NameInChatError(ReadOnlySpan<byte> frame, string message)
    {
        if (frame.IndexOf("HTTP 409"u8) < 0 || frame.IndexOf("\"errorMessage\""u8) < 0)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(frame);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonObject { } root || Text(root["event"]) != "chat" || root["payload"] is not JsonObject payload
            || Text(payload["state"]) != "error" || Text(payload["errorMessage"]) is not { } shown || !shown.Contains("HTTP 409", StringComparison.Ordinal))
        {
            return null;
        }

        payload["errorMessage"] = "⚠️ " + message;
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    /// <summary>The relay's own answer, for the gateway's HTTP chat endpoints.</summary>
    public static byte[] ErrorBody(string message) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = "relay_not_configured", ["code"] = "no_api_key" },
    });

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private sealed record Refusal(string Message, DateTimeOffset At);
}
