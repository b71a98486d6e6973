namespace SecureStack.Proxy.Inspection;

/// <summary>A model-bound request body as <see cref="RequestBodyReader"/> read it: the decoded bytes, or why it was not read.</summary>
/// <param name="Body">The body, decoded when it came compressed.</param>
/// <param name="Failure">Why the body cannot be inspected; null when it was read.</param>
/// <param name="StatusCode">The status to refuse with (413, 415, 400) when <paramref name="Failure"/> is set.</param>
/// <param name="Encoding">The failure is the Content-Encoding (unsupported, corrupt, too large decoded), not the raw size.</param>
internal sealed record BodyRead(ReadOnlyMemory<byte> Body, string? Failure = null, int StatusCode = StatusCodes.Status200OK, bool Encoding = false)
{
    public bool Ok => Failure is null;
}
