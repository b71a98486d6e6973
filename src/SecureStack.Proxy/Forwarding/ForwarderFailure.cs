using SecureStack.Audit;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Proxy.Forwarding;

/// <summary>
/// What a failed YARP forward becomes, for the gateway and the model relay alike: an upstream failure is logged, audited
/// (<c>proxy_error</c>) and answered 502 (504 on a timeout); a client's own cancellation is neither, and gets 400 if
/// anything can still be sent. A generic body, no detail.
/// </summary>
internal static class ForwarderFailure
{
    public static async Task HandleAsync(HttpContext context, ForwarderError error, string? user, ProxyAudit audit, ILogger logger)
    {
        var clientSide = error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient;
        if (!clientSide)
        {
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            Log.UpstreamError(logger, error.ToString(), context.Request.Method, context.Request.Path.Value ?? "", exception);
            try
            {
                audit.ProxyError(ClientAddress.Of(context), user, error.ToString(), context.Request.Method, context.Request.Path.Value ?? "");
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
