using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.WebSockets;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Forwarding;

/// <summary>
/// The terminal stage: WebSocket upgrades go to the frame-inspecting relay, everything else to YARP, which
/// streams request and response bodies (SSE flushes per event). Upstream failures become 502/504 with a
/// generic body and a <c>proxy_error</c> audit event.
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

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        var clientSide = error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient;
        if (!clientSide)
        {
            Log.UpstreamError(logger, error.ToString(), context.Request.Method, context.Request.Path.Value ?? "", exception);
            try
            {
                audit.ProxyError(ClientAddress.Of(context), identity.Name, error.ToString(), context.Request.Method, context.Request.Path.Value ?? "");
            }
            catch (AuditLogUnavailableException ex)
            {
                Log.AuditUnavailable(logger, ex);
            }
        }

        if (!context.Response.HasStarted)
        {
            var status = error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout
                : clientSide ? StatusCodes.Status400BadRequest
                : StatusCodes.Status502BadGateway;
            await ProxyResponses.WriteAsync(context, status);
        }
    }
}
