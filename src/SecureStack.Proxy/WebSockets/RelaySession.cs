using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Inspection;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;
using SecureStack.Proxy.Relay;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// One relayed WebSocket: gateway messages go to the client fragment by fragment, unchanged but for a chat error
/// that <see cref="MissingKeyNotice"/> names; client messages are reassembled (at most PROXY_MAX_WS_MESSAGE_BYTES),
/// parsed, checked by the policy and the inspectors, then forwarded, rewritten, or refused with a FORBIDDEN response on the client's socket.
/// A gateway that goes away without closing (crash, kill) gets the client a 1011 "upstream unavailable" close.
/// </summary>
internal sealed class RelaySession(
    WebSocket client,
    WebSocket server,
    int maxMessageBytes,
    ClientFramePolicy policy,
    IWebSocketFrameInspector[] inspectors,
    ClientIdentity identity,
    IPAddress source,
    ProxyAudit audit,
    ProxyMetrics metrics,
    MissingKeyNotice missingKey,
    ILogger logger)
{
    // Repeated keys are refused: the gateway's reader and ours could take different values.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private readonly SemaphoreSlim _clientSend = new(1, 1);

    public long ClientFrames { get; private set; }

    public long RefusedFrames { get; private set; }

    public string CloseReason { get; private set; } = "";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = PumpClientAsync(stop.Token);
        var down = PumpServerAsync(stop.Token);
        await Task.WhenAny(up, down);
        // Give the other direction a moment to finish its close handshake, then stop it.
        stop.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            CloseReason = CloseReason.Length > 0 ? CloseReason : "aborted";
        }
    }

    /// <summary>
    /// The proxy is stopping: starts the close handshake with the client (1001), whose answer the client pump
    /// passes on to the gateway, so the session ends normally instead of holding the drain until it times out.
    /// </summary>
    public Task GoingAwayAsync()
    {
        CloseReason = "proxy stopping";
        return CloseClientAsync(WebSocketCloseStatus.EndpointUnavailable, "proxy stopping");
    }

    private async Task PumpServerAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var wholeMessage = true;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await server.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    // The gateway vanished without a close handshake (crashed or killed): close the client's socket
                    // properly instead of dropping it, so it can tell "try again" from a network fault.
                    CloseReason = CloseReason.Length > 0 ? CloseReason : "gateway lost";
                    await CloseClientAsync(WebSocketCloseStatus.InternalServerError, "upstream unavailable");
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseReason = CloseReason.Length > 0 ? CloseReason : $"gateway closed ({server.CloseStatus})";
                    await CloseClientAsync(server.CloseStatus ?? WebSocketCloseStatus.NormalClosure, server.CloseStatusDescription);
                    return;
                }

                var outgoing = buffer.AsMemory(0, result.Count);
                // Only a whole message in one fragment can be a chat error event worth naming (they are small).
                if (wholeMessage && result.EndOfMessage && missingKey.Recent is { } named
                    && MissingKeyNotice.NameInChatError(outgoing.Span, named) is { } renamed)
                {
                    outgoing = renamed;
                }

                wholeMessage = result.EndOfMessage;
                await SendToClientAsync(outgoing, result.MessageType, result.EndOfMessage, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PumpClientAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (length >= maxMessageBytes)
                        {
                            await RefuseConnectionAsync(WebSocketCloseStatus.MessageTooBig, "message too big", "ws_message_size");
                            return;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await client.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxMessageBytes) - length), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        CloseReason = CloseReason.Length > 0 ? CloseReason : $"client closed ({client.CloseStatus})";
                        await CloseAsync(server, client.CloseStatus ?? WebSocketCloseStatus.NormalClosure, client.CloseStatusDescription);
                        return;
                    }

                    length += result.Count;
                    if (length >= maxMessageBytes && !result.EndOfMessage)
                    {
                        await RefuseConnectionAsync(WebSocketCloseStatus.MessageTooBig, "message too big", "ws_message_size");
                        return;
                    }
                }
                while (!result.EndOfMessage);

                ClientFrames++;
                metrics.WebSocketFrame();
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    await RefuseConnectionAsync(WebSocketCloseStatus.InvalidMessageType, "text frames only", "ws_binary");
                    return;
                }

                if (!await ForwardAsync(buffer.AsMemory(0, length), cancellationToken))
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Applies policy and inspectors to one client message; false when the connection was closed.</summary>
    private async Task<bool> ForwardAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var frame = Parse(message);
        try
        {
            if (frame?.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals("req")
                || !root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                await RefuseConnectionAsync(WebSocketCloseStatus.PolicyViolation, "request frames only", "ws_malformed");
                return false;
            }

            var method = methodElement.GetString()!;
            var id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : null;
            if (policy.Check(method, root, identity) is { } refusal)
            {
                await RefuseFrameAsync(id, "policy", refusal.Reason, method, cancellationToken, refusal.Message);
                return true;
            }

            var payload = message;
            if (policy.RewritesConnect(method))
            {
                // The one frame the proxy edits: a mutable copy, once per connection.
                var editable = (JsonObject)JsonNode.Parse(message.Span, documentOptions: ParseOptions)!;
                if (policy.ApplyConnectToken(editable))
                {
                    payload = JsonSerializer.SerializeToUtf8Bytes(editable);
                    frame.Dispose();
                    frame = JsonDocument.Parse(payload, ParseOptions);
                }
            }

            foreach (var inspector in inspectors)
            {
                InspectionVerdict verdict;
                try
                {
                    verdict = await inspector.InspectAsync(
                        new ClientFrameContext(method, id, frame.RootElement, payload, identity, source), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.InspectorFailed(logger, inspector.Name, ex);
                    verdict = InspectionVerdict.Refuse("inspector failed");
                }

                if (verdict.Refused)
                {
                    if (verdict.Rules is not { } rules)
                    {
                        await RefuseFrameAsync(id, inspector.Name, verdict.Reason ?? "", method, cancellationToken);
                        return true;
                    }

                    // The error event first, as the gateway raises it while the UI still waits for its answer.
                    if (ChatRefusal.ErrorEvent(method, frame.RootElement, rules) is { } shown)
                    {
                        await SendToClientAsync(shown, WebSocketMessageType.Text, true, cancellationToken);
                    }

                    await RefuseFrameAsync(id, inspector.Name, verdict.Reason ?? "", method, cancellationToken, ChatRefusal.Message(rules));
                    return true;
                }

                if (verdict.Replacement is { } replacement)
                {
                    var rewritten = Parse(replacement);
                    if (rewritten?.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        rewritten?.Dispose();
                        await RefuseFrameAsync(id, inspector.Name, "inspector produced invalid JSON", method, cancellationToken);
                        return true;
                    }

                    if (!verdict.DetectionAudited)
                    {
                        audit.Rewritten(source, identity.Name, inspector.Name, verdict.Reason ?? "", "ws " + method);
                    }

                    frame.Dispose();
                    frame = rewritten!;
                    payload = replacement;
                }
            }

            await server.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return true;
        }
        finally
        {
            frame?.Dispose();
        }
    }

    /// <summary>The message as parsed JSON, or null: not JSON, repeated keys, invalid UTF-8, or a string that is no text.</summary>
    private static JsonDocument? Parse(ReadOnlyMemory<byte> message)
    {
        if (!Utf8.IsValid(message.Span) || HasLoneSurrogateEscape(message.Span))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(message, ParseOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when a string or key escapes half a surrogate pair (<c>"\uD800"</c>): valid JSON syntax, but reading it
    /// as text throws, so such a frame would otherwise fail the session wherever it is first read.
    /// </summary>
    private static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = ParseOptions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    reader.GetString();
                }
            }

            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        catch (JsonException)
        {
            // Not JSON at all: the parser after this says so.
            return false;
        }
    }

    private async Task RefuseFrameAsync(string? id, string inspector, string reason, string method, CancellationToken cancellationToken, string message = "refused by the proxy's policy")
    {
        RefusedFrames++;
        metrics.Blocked("ws_frame");
        Log.InspectorRefused(logger, inspector, source, reason);
        audit.PolicyDenied(source, identity.Name, "inspect_ws_frame", inspector, reason, "ws " + method);
        // The gateway's own shape for a missing scope, so a client (the Control UI) degrades as it would without the scope.
        var response = $"{{\"type\":\"res\",\"id\":{id ?? "null"},\"ok\":false,\"error\":{{\"code\":\"FORBIDDEN\",\"message\":{JsonSerializer.Serialize(message)}}}}}";
        await SendToClientAsync(Encoding.UTF8.GetBytes(response), WebSocketMessageType.Text, true, cancellationToken);
    }

    private async Task RefuseConnectionAsync(WebSocketCloseStatus status, string description, string metric)
    {
        CloseReason = description;
        metrics.Blocked(metric);
        await CloseClientAsync(status, description);
        await CloseAsync(server, WebSocketCloseStatus.NormalClosure, "client refused by proxy");
    }

    private async Task SendToClientAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, bool endOfMessage, CancellationToken cancellationToken)
    {
        await _clientSend.WaitAsync(cancellationToken);
        try
        {
            await client.SendAsync(data, type, endOfMessage, cancellationToken);
        }
        finally
        {
            _clientSend.Release();
        }
    }

    private async Task CloseClientAsync(WebSocketCloseStatus status, string? description)
    {
        await _clientSend.WaitAsync(CancellationToken.None);
        try
        {
            await CloseAsync(client, status, description);
        }
        finally
        {
            _clientSend.Release();
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string? description)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(status, description, CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
            {
                // The peer is already gone; there is nobody left to tell.
            }
        }
    }
}
