namespace SecureStack.Proxy.Inspection;

/// <summary>The decoded body, or why it could not be decoded.</summary>
internal sealed record DecompressionResult(DecompressionStatus Status, ReadOnlyMemory<byte> Body, string? Error)
{
    /// <summary>The HTTP status to refuse with when <see cref="Status"/> is not <see cref="DecompressionStatus.Ok"/>.</summary>
    public int StatusCode => Status switch
    {
        DecompressionStatus.UnsupportedEncoding => 415,
        DecompressionStatus.TooLarge => 413,
        DecompressionStatus.Corrupt => 400,
        _ => 200,
    };
}
