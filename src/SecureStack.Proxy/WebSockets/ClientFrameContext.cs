using System.Net;
using System.Text.Json;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// One client-to-gateway WebSocket request frame (<c>{"type":"req","id","method","params"}</c>), parsed,
/// as an inspector sees it. <see cref="Frame"/> is the relay's parsed frame, not a copy (one per message would
/// cost more than the forwarding), valid until the inspector's task completes; to rewrite the frame an inspector
/// returns <see cref="Inspection.InspectionVerdict.Replace"/> with the new JSON.
/// </summary>
public sealed record ClientFrameContext(
    string Method,
    string? Id,
    JsonElement Frame,
    ReadOnlyMemory<byte> Payload,
    ClientIdentity Identity,
    IPAddress SourceIp);
