using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Xunit;

namespace SecureStack.Testing;

/// <summary>The OpenClaw gateway protocol (v4) over a WebSocket, as shared/openclaw-e2e/ws_chat.mjs speaks it.</summary>
public sealed class GatewayWsClient : IDisposable
{
    private readonly WsClient _ws;
    private int _nextId;

    private GatewayWsClient(WsClient ws) => _ws = ws;

    public static async Task<GatewayWsClient> OpenAsync(Uri proxy, Action<ClientWebSocketOptions> configure) =>
        new(await WsClient.ConnectAsync(proxy, configure));

    /// <summary>Upgrades through the proxy with the client token and completes <c>connect</c> (the proxy adds the gateway token).</summary>
    public static async Task<GatewayWsClient> ConnectWithTokenAsync(Uri proxy, string clientToken)
    {
        var client = await OpenAsync(proxy, o => o.SetRequestHeader("Authorization", "Bearer " + clientToken));
        var hello = await client.ConnectAsync();
        Assert.True((bool?)hello["ok"], hello.ToJsonString());
        return client;
    }

    /// <summary>Waits for <c>connect.challenge</c>, sends <c>connect</c> without any auth (the proxy adds it), returns the response.</summary>
    public async Task<JsonObject> ConnectAsync(string clientId = "gateway-client", string mode = "backend", JsonObject? auth = null, string[]? scopes = null)
    {
        await UntilAsync(m => (string?)m["event"] == "connect.challenge");
        return await RequestAsync("connect", new JsonObject
        {
            ["minProtocol"] = 4, ["maxProtocol"] = 4,
            ["client"] = new JsonObject { ["id"] = clientId, ["version"] = "0.0.1", ["platform"] = "linux", ["mode"] = mode },
            ["role"] = "operator", ["scopes"] = new JsonArray([.. (scopes ?? ["operator.read", "operator.write"]).Select(s => (JsonNode?)s)]), ["caps"] = new JsonArray(),
            ["auth"] = auth ?? [], ["locale"] = "en-US", ["userAgent"] = "securestack-tests/1",
        });
    }

    public async Task<JsonObject> RequestAsync(string method, JsonObject parameters)
    {
        var id = "t" + Interlocked.Increment(ref _nextId);
        await _ws.SendAsync(new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await UntilAsync(m => (string?)m["type"] == "res" && (string?)m["id"] == id);
    }

    /// <summary>chat.send on a session of its own (tests share one gateway); returns the acknowledgement.</summary>
    public Task<JsonObject> SendChatAsync(string message) => RequestAsync("chat.send", new JsonObject
    {
        ["sessionKey"] = "test-" + Guid.NewGuid().ToString("N")[..12], ["message"] = message, ["idempotencyKey"] = Guid.NewGuid().ToString(),
    });

    /// <summary>Sends a chat turn and returns the final chat event's payload.</summary>
    public async Task<JsonObject> ChatAsync(string message)
    {
        var ack = await SendChatAsync(message);
        Assert.True((bool?)ack["ok"], ack.ToJsonString());
        // Chat events reach every client on the session: follow this run only.
        var runId = (string?)ack["payload"]?["runId"];
        var final = await UntilAsync(
            m => (string?)m["event"] == "chat" && (runId is null || (string?)m["payload"]?["runId"] == runId)
                && (string?)m["payload"]?["state"] is "final" or "error" or "aborted",
            TimeSpan.FromSeconds(90));
        return (JsonObject)final["payload"]!;
    }

    public async Task<JsonObject> UntilAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var message = await _ws.ReceiveJsonAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <inheritdoc cref="WsClient.ClosedAsync"/>
    public Task<(WebSocketCloseStatus? Status, string? Description)> ClosedAsync(TimeSpan timeout) => _ws.ClosedAsync(timeout);

    public void Dispose() => _ws.Dispose();
}
