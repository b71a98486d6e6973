using System.Net;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Inspection;

/// <summary>An LLM-bound request body, fully read (it is at most PROXY_MAX_BODY_BYTES), as an inspector sees it.</summary>
public sealed record RequestBodyContext(
    LlmBoundKind Kind,
    string Method,
    string Path,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    ClientIdentity Identity,
    IPAddress SourceIp);
