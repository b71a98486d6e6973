using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// The seam for the prompt sanitizer on WebSockets: every registered inspector sees each client request
/// frame after the proxy's own policy (admin methods, connect token), in registration order. A refusal is
/// answered on the client's socket with a FORBIDDEN response for the frame's id and is not forwarded; a
/// replacement is what the next inspector and the gateway see. An inspector that throws refuses the frame.
/// </summary>
public interface IWebSocketFrameInspector
{
    string Name { get; }

    ValueTask<InspectionVerdict> InspectAsync(ClientFrameContext context, CancellationToken cancellationToken);
}
