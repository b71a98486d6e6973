using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace SecureStack.Testing;

/// <summary>A ClientWebSocket with helpers to send and receive JSON text messages.</summary>
public sealed class WsClient : IDisposable
{
    private readonly ClientWebSocket _socket = new();

    private WsClient()
    {
    }

    public WebSocket Socket => _socket;

    public static async Task<WsClient> ConnectAsync(Uri proxy, Action<ClientWebSocketOptions> configure, string path = "/")
    {
        var client = new WsClient();
        client._socket.Options.CollectHttpResponseDetails = true;
        configure(client._socket.Options);
        var target = new UriBuilder(proxy) { Scheme = "ws", Path = path }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client._socket.ConnectAsync(target, timeout.Token);
        return client;
    }

    /// <summary>The HTTP status of a refused upgrade.</summary>
    public static async Task<int> RefusedStatusAsync(Uri proxy, Action<ClientWebSocketOptions> configure)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new UriBuilder(proxy) { Scheme = "ws" }.Uri, CancellationToken.None));
        return (int)socket.HttpStatusCode;
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(JsonObject frame) => SendAsync(frame.ToJsonString());

    /// <summary>The next whole message, or null when the socket closed.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var buffer = new byte[1024 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public async Task<JsonObject> ReceiveJsonAsync(TimeSpan? timeout = null) =>
        (JsonObject)JsonNode.Parse(await ReceiveAsync(timeout)
            ?? throw new InvalidOperationException($"the socket closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}"))!;

    /// <summary>
    /// Reads past any messages until the peer closes the socket, answers the close and returns the status and
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

    public void Dispose() => _socket.Dispose();
}
