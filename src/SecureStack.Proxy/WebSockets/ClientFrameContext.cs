using System.Net;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// One client-to-gateway WebSocket request frame (<c>{"type":"req","id","method","params"}</c>), parsed,
/// as an inspector sees it. <see cref="Frame"/> is the relay's parsed frame, not a copy (one per message would
/// cost more than the forwarding): inspectors only read it; to rewrite the frame they return
/// <see cref="Inspection.InspectionVerdict.Replace"/> with the new JSON.
/// </summary>
public sealed record ClientFrameContext(
    string Method,
    string? Id,
    JsonObject Frame,
    ReadOnlyMemory<byte> Payload,
    ClientIdentity Identity,
    IPAddress SourceIp);
