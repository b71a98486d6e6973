using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Forwarding;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;
using SecureStack.Proxy.Relay;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// Terminates the client's WebSocket and opens one to the gateway, so that client frames can be inspected
/// (YARP relays upgraded connections as opaque bytes). The gateway is connected first: if it refuses, the
/// client gets the refusal as an HTTP status with a generic body and no socket. Pings keep idle sockets open.
/// </summary>
internal sealed class WebSocketRelay(
    ProxyOptions options,
    UpstreamClient upstream,
    UpstreamHeaders headers,
    ClientFramePolicy policy,
    IEnumerable<IWebSocketFrameInspector> inspectors,
    ProxyAudit audit,
    ProxyMetrics metrics,
    MissingKeyNotice missingKey,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime,
    ILogger<WebSocketRelay> logger)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>Client headers the gateway needs on the upgrade (Control UI origin checks); nothing else is passed.</summary>
    private static readonly string[] PassedHeaders = ["Origin", "User-Agent", "Accept-Language"];

    private readonly IWebSocketFrameInspector[] _inspectors = [.. inspectors];

    public async Task RunAsync(HttpContext context, ClientIdentity identity)
    {
        var source = ClientAddress.Of(context);
        var path = context.Request.Path.Value ?? "/";
        using var server = new ClientWebSocket();
        server.Options.KeepAliveInterval = KeepAlive;
        server.Options.CollectHttpResponseDetails = true;
        foreach (var protocol in context.WebSockets.WebSocketRequestedProtocols)
        {
            server.Options.AddSubProtocol(protocol);
        }

        foreach (var name in PassedHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value) && value.Count == 1)
            {
                server.Options.SetRequestHeader(name, value.ToString());
            }
        }

        foreach (var (name, value) in headers.Added(context, identity, source))
        {
            server.Options.SetRequestHeader(name, value);
        }

        var target = new UriBuilder(options.Upstream)
        {
            Scheme = options.Upstream.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = path,
            Query = context.Request.QueryString.Value ?? "",
        }.Uri;
        try
        {
            await server.ConnectAsync(target, upstream.Invoker, context.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            await UpstreamRefusedAsync(context, identity, source, path, server.HttpStatusCode, ex);
            return;
        }

        using var client = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = server.SubProtocol,
            KeepAliveInterval = KeepAlive,
        });
        var connectionId = context.TraceIdentifier;
        var started = Stopwatch.GetTimestamp();
        metrics.WebSocketOpened();
        var session = new RelaySession(client, server, options.MaxWebSocketMessageBytes, policy, _inspectors, identity, source, audit, metrics, missingKey, logger);
        try
        {
            audit.WebSocketOpen(source, identity.Name, path, connectionId);
            using var stopping = lifetime.ApplicationStopping.Register(() => _ = session.GoingAwayAsync());
            await session.RunAsync(context.RequestAborted);
        }
        catch (AuditLogUnavailableException ex)
        {
            Log.AuditUnavailable(logger, ex);
            client.Abort();
        }
        finally
        {
            metrics.WebSocketClosed();
            Log.WebSocketClosed(logger, source, session.CloseReason, session.ClientFrames);
            try
            {
                audit.WebSocketClose(source, identity.Name, connectionId, session.CloseReason, session.ClientFrames, session.RefusedFrames, Stopwatch.GetElapsedTime(started));
            }
            catch (AuditLogUnavailableException ex)
            {
                Log.AuditUnavailable(logger, ex);
            }
        }
    }

    private async Task UpstreamRefusedAsync(HttpContext context, ClientIdentity identity, IPAddress source, string path, HttpStatusCode upstreamStatus, Exception ex)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var status = (int)upstreamStatus is >= 400 and < 500 ? (int)upstreamStatus : StatusCodes.Status502BadGateway;
        if (status == StatusCodes.Status502BadGateway)
        {
            Log.WebSocketUpstreamFailed(logger, path, ex);
            try
            {
                audit.ProxyError(source, identity.Name, "websocket_connect", context.Request.Method, path);
            }
            catch (AuditLogUnavailableException auditError)
            {
                Log.AuditUnavailable(logger, auditError);
            }
        }

        await ProxyResponses.WriteAsync(context, status);
    }
}
