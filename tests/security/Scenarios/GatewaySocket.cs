using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SecureStack.Security.Tests.Scenarios;

/// <summary>The OpenClaw gateway protocol (v4) over a WebSocket through the proxy, as a backend client speaks it.</summary>
internal sealed class GatewaySocket : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    /// <summary>Upgrades through the proxy with the client token and completes <c>connect</c> (the proxy adds the gateway token).</summary>
    public static async Task<GatewaySocket> ConnectAsync(Uri proxy, string clientToken)
    {
        var socket = new GatewaySocket();
        socket._socket.Options.SetRequestHeader("Authorization", "Bearer " + clientToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket._socket.ConnectAsync(new UriBuilder(proxy) { Scheme = "ws" }.Uri, timeout.Token);
        await socket.UntilAsync(m => (string?)m["event"] == "connect.challenge");
        var hello = await socket.RequestAsync("connect", new JsonObject
        {
            ["minProtocol"] = 4, ["maxProtocol"] = 4,
            ["client"] = new JsonObject { ["id"] = "gateway-client", ["version"] = "0.0.1", ["platform"] = "linux", ["mode"] = "backend" },
            ["role"] = "operator", ["scopes"] = new JsonArray("operator.read", "operator.write"), ["caps"] = new JsonArray(),
            ["auth"] = new JsonObject(), ["locale"] = "en-US", ["userAgent"] = "securestack-scenarios/1",
        });
        Assert.True((bool?)hello["ok"], hello.ToJsonString());
        return socket;
    }

    public async Task<JsonObject> RequestAsync(string method, JsonObject parameters)
    {
        var id = "s" + Interlocked.Increment(ref _nextId);
        var frame = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        await _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
        return await UntilAsync(m => (string?)m["type"] == "res" && (string?)m["id"] == id);
    }

    /// <summary>chat.send on a session of its own; returns the acknowledgement.</summary>
    public Task<JsonObject> SendChatAsync(string message) => RequestAsync("chat.send", new JsonObject
    {
        ["sessionKey"] = "scenario-" + Guid.NewGuid().ToString("N")[..12], ["message"] = message, ["idempotencyKey"] = Guid.NewGuid().ToString(),
    });

    /// <summary>Sends a chat turn and returns the final chat event's payload.</summary>
    public async Task<JsonObject> ChatAsync(string message)
    {
        var ack = await SendChatAsync(message);
        Assert.True((bool?)ack["ok"], ack.ToJsonString());
        var runId = (string?)ack["payload"]?["runId"];
        var final = await UntilAsync(
            m => (string?)m["event"] == "chat" && (runId is null || (string?)m["payload"]?["runId"] == runId)
                && (string?)m["payload"]?["state"] is "final" or "error" or "aborted",
            TimeSpan.FromSeconds(90));
        return (JsonObject)final["payload"]!;
    }

    /// <summary>
    /// Reads past any events until the proxy closes the socket, answers the close and returns the status and
    /// description it got. Throws when the connection drops without a close frame, or nothing closes it in time.
    /// </summary>
    public async Task<(WebSocketCloseStatus? Status, string? Description)> ClosedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(), cancel.Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);

        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel.Token);
        Assert.Equal(WebSocketState.Closed, _socket.State);
        return (_socket.CloseStatus, _socket.CloseStatusDescription);
    }

    private async Task<JsonObject> UntilAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var buffer = new byte[1024 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancel.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"the proxy closed the socket: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length)) is JsonObject message && match(message))
            {
                return message;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
