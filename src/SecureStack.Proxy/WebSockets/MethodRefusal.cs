namespace SecureStack.Proxy.WebSockets;

/// <summary>Why the proxy refused a request frame: <see cref="Reason"/> for the audit log, <see cref="Message"/> for the client.</summary>
internal sealed record MethodRefusal(string Reason, string Message);
