using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace SecureStack.Testing;

/// <summary>
/// A fake OpenAI-compatible model provider on Kestrel (127.0.0.1, port 0), the C# twin of
/// shared/openclaw-e2e/fake_llm.py: <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c> (SSE when
/// <c>"stream": true</c>, which OpenClaw always asks for), <c>POST /v1/responses</c>, and the same tool-call
/// mode (<c>FAKE_TOOL_CALL &lt;tool&gt; {json}</c>). It records every request. It also serves as a generic
/// upstream for proxy tests: any other path answers <c>{"upstream":"ok"}</c>, WebSocket upgrades on any path
/// echo each message back (on <c>/__drop</c> the first message drops the connection without a close frame, as a
/// crashed gateway would), <c>/bytes/N</c> answers N bytes, <c>/__hang</c> never answers.
/// </summary>
public sealed partial class FakeModelProvider : IAsyncDisposable
{
    public const string ModelId = "fake-model";
    private const string InternalContextMarker = "<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    /// <summary>When false nothing is recorded (load tests).</summary>
    public bool Record { get; init; } = true;

    /// <summary>When set, streamed replies stop after their first event until the task completes.</summary>
    public TaskCompletionSource? HoldStreamAfterFirstEvent { get; set; }

    public int Port { get; private set; }

    /// <summary>The OpenAI-style base URL to configure in OpenClaw: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void ClearRequests() => _requests.Clear();

    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var messages = new ConcurrentQueue<string>();
        if (Record)
        {
            var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value.ToArray()));
            var rawTarget = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
            _requests.Enqueue(new RecordedRequest(request.Method, rawTarget, headers, body, messages));
        }

        var path = request.Path.Value ?? "/";
        if (context.WebSockets.IsWebSocketRequest)
        {
            await EchoWebSocketAsync(context, messages, dropOnFirst: path == "/__drop");
            return;
        }

        if (path == "/__hang")
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (path.StartsWith("/bytes/", StringComparison.Ordinal) && int.TryParse(path.AsSpan(7), out var size))
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = size;
            await context.Response.Body.WriteAsync(new byte[size], context.RequestAborted);
            return;
        }

        if (HttpMethods.IsGet(request.Method) && path.TrimEnd('/').EndsWith("/models", StringComparison.Ordinal))
        {
            await context.Response.WriteAsJsonAsync(new { @object = "list", data = new[] { new { id = ModelId, @object = "model", created = 0, owned_by = "fake" } } });
            return;
        }

        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await ChatAsync(context, ParseObject(body));
            return;
        }

        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/responses", StringComparison.Ordinal))
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "resp_fake", @object = "response", status = "completed", model = ModelId,
                output = new[] { new { type = "message", id = "msg_fake", role = "assistant", status = "completed", content = new[] { new { type = "output_text", text = "FAKE-LLM-REPLY", annotations = Array.Empty<object>() } } } },
                usage = new { input_tokens = 1, output_tokens = 1, total_tokens = 2 },
            });
            return;
        }

        await context.Response.WriteAsJsonAsync(new { upstream = "ok", method = request.Method, path });
    }

    private static async Task EchoWebSocketAsync(HttpContext context, ConcurrentQueue<string> messages, bool dropOnFirst)
    {
        var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var buffer = new byte[1024 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, length));
                if (dropOnFirst)
                {
                    context.Abort();
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, length), result.MessageType, true, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
    }

    private async Task ChatAsync(HttpContext context, JsonObject body)
    {
        var messages = body["messages"] as JsonArray ?? [];
        var stream = body["stream"]?.GetValueKind() == JsonValueKind.True;
        var model = (string?)body["model"] ?? ModelId;

        // Tool results after the last real user message: echo them (fake_llm.py's second tool turn).
        var lastReal = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            if ((string?)messages[i]?["role"] == "user" && !TextOf(messages[i]?["content"]).TrimStart().StartsWith(InternalContextMarker, StringComparison.Ordinal))
            {
                lastReal = i;
            }
        }

        var toolResult = messages.Skip(lastReal + 1).LastOrDefault(m => (string?)m?["role"] == "tool");
        if (toolResult is not null)
        {
            await ReplyTextAsync(context, model, stream, "FAKE-LLM-TOOL-RESULT: " + Truncate(TextOf(toolResult["content"]).Replace('\n', ' '), 300), body);
            return;
        }

        var userText = UserText(messages);
        var call = ToolCallPattern().Match(userText);
        var tools = body["tools"] as JsonArray ?? [];
        if (call.Success && tools.Any(t => (string?)t?["function"]?["name"] == call.Groups[1].Value))
        {
            await ReplyToolCallAsync(context, model, stream, call.Groups[1].Value, call.Groups[2].Value);
            return;
        }

        await ReplyTextAsync(context, model, stream, "FAKE-LLM-REPLY: " + Truncate(userText.Replace('\n', ' '), 200), body);
    }

    private async Task ReplyTextAsync(HttpContext context, string model, bool stream, string text, JsonObject body)
    {
        var id = $"chatcmpl-fake-{Environment.TickCount64}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id, @object = "chat.completion", created, model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
            });
            return;
        }

        StartEventStream(context);
        await EventAsync(context, Chunk(id, created, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
        if (HoldStreamAfterFirstEvent is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        var words = text.Split(' ');
        for (var i = 0; i < words.Length && i < 400; i++)
        {
            await EventAsync(context, Chunk(id, created, model, new JsonObject { ["content"] = i == 0 ? words[i] : " " + words[i] }, null));
        }

        await EventAsync(context, Chunk(id, created, model, [], "stop"));
        if (body["stream_options"]?["include_usage"]?.GetValueKind() == JsonValueKind.True)
        {
            await EventAsync(context, new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model, ["choices"] = new JsonArray(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
            });
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static async Task ReplyToolCallAsync(HttpContext context, string model, bool stream, string name, string arguments)
    {
        var id = $"chatcmpl-fake-{Environment.TickCount64}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Call() => new()
        {
            ["index"] = 0, ["id"] = "call_fake_1", ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
        };
        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = created, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "tool_calls",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(Call()) },
                }),
            });
            return;
        }

        StartEventStream(context);
        await EventAsync(context, Chunk(id, created, model, new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(Call()) }, null));
        await EventAsync(context, Chunk(id, created, model, [], "tool_calls"));
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static void StartEventStream(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
    }

    private static JsonObject Chunk(string id, long created, string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static async Task EventAsync(HttpContext context, JsonObject data)
    {
        await context.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>The last user message as typed: OpenClaw adds a timestamp prefix, a runtime suffix and internal-context messages.</summary>
    private static string UserText(JsonArray messages)
    {
        var last = "";
        foreach (var m in messages)
        {
            if ((string?)m?["role"] != "user")
            {
                continue;
            }

            var t = TextOf(m["content"]);
            if (!t.TrimStart().StartsWith(InternalContextMarker, StringComparison.Ordinal))
            {
                last = t;
            }
        }

        last = TimestampPrefix().Replace(last.Trim(), "");
        var runtime = last.IndexOf("\n\nRuntime: agent=", StringComparison.Ordinal);
        return (runtime >= 0 ? last[..runtime] : last).Trim();
    }

    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string)v!,
        JsonArray parts => string.Concat(parts.Select(p => p is JsonObject o && o["text"]?.GetValueKind() == JsonValueKind.String ? (string)o["text"]! : "")),
        _ => "",
    };

    private static JsonObject ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [GeneratedRegex(@"^\[[A-Z][a-z]{2} \d{4}-\d{2}-\d{2} \d{2}:\d{2}[^\]]*\]\s*")]
    private static partial Regex TimestampPrefix();

    [GeneratedRegex(@"FAKE_TOOL_CALL (\S+) (\{.*\})")]
    private static partial Regex ToolCallPattern();
}
