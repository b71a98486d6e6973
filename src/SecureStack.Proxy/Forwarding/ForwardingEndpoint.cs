using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.WebSockets;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Forwarding;

/// <summary>
/// The terminal stage: WebSocket upgrades go to the frame-inspecting relay, everything else to YARP, which
/// streams request and response bodies (SSE flushes per event). Failures: <see cref="ForwarderFailure"/>.
/// </summary>
internal sealed class ForwardingEndpoint(
    ProxyOptions options,
    IHttpForwarder forwarder,
    UpstreamClient upstream,
    UpstreamTransformer transformer,
    WebSocketRelay relay,
    ProxyAudit audit,
    ILogger<ForwardingEndpoint> logger)
{
    private readonly string _destination = options.Upstream.GetLeftPart(UriPartial.Authority) + "/";

    private readonly ForwarderRequestConfig _config = new()
    {
        ActivityTimeout = options.UpstreamTimeout,
        Version = System.Net.HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var identity = (ClientIdentity)context.Items[ClientIdentity.ItemKey]!;
        if (context.WebSockets.IsWebSocketRequest)
        {
            await relay.RunAsync(context, identity);
            return;
        }

        var error = await forwarder.SendAsync(context, _destination, upstream.Invoker, _config, transformer);
        if (error == ForwarderError.None)
        {
            return;
        }

        await ForwarderFailure.HandleAsync(context, error, identity.Name, audit, logger);
    }
}
