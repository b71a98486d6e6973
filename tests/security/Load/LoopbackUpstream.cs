using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureStack.Security.Tests.Load;

/// <summary>
/// A Kestrel upstream on 127.0.0.1 that can take far more than the proxy (the real Node gateway would be the
/// bottleneck of a load test): <c>/healthz</c>, any other path answers a small JSON body, <c>/sse?events=N&amp;ms=M</c>
/// streams N server-sent events M ms apart, and WebSocket upgrades echo every text message back.
/// </summary>
internal sealed class LoopbackUpstream : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("{\"ok\":true}");

    private readonly WebApplication _app;

    private LoopbackUpstream(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<LoopbackUpstream> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackUpstream(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await EchoAsync(socket, context.RequestAborted);
            return;
        }

        if (context.Request.Path == "/sse")
        {
            await StreamEventsAsync(context);
            return;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Answer.Length;
        await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
    }

    private static async Task StreamEventsAsync(HttpContext context)
    {
        var events = int.Parse(context.Request.Query["events"].ToString(), CultureInfo.InvariantCulture);
        var interval = TimeSpan.FromMilliseconds(int.Parse(context.Request.Query["ms"].ToString(), CultureInfo.InvariantCulture));
        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < events; i++)
        {
            await context.Response.WriteAsync($"data: event {i}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(interval, context.RequestAborted);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The proxy went away (a fault test stops it mid-stream).
        }
    }
}
