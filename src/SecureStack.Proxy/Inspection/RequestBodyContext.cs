using System.Net;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// An LLM-bound request body, fully read (it is at most PROXY_MAX_BODY_BYTES), as an inspector sees it.
/// <see cref="Route"/> comes from the proxy's one route table (<see cref="PromptRoutes"/>), after OpenClaw's own path rewrite.
/// </summary>
public sealed record RequestBodyContext(
    PromptRoute Route,
    string Method,
    string Path,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    ClientIdentity Identity,
    IPAddress SourceIp);
