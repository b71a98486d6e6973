namespace SecureStack.Proxy.Inspection;

/// <summary>Result of decoding a request body's <c>Content-Encoding</c>.</summary>
internal enum DecompressionStatus
{
    /// <summary>Decoded (or not encoded); inspect and forward <see cref="DecompressionResult.Body"/> without the Content-Encoding header.</summary>
    Ok,

    /// <summary>An encoding other than gzip, deflate, br or identity: answer 415.</summary>
    UnsupportedEncoding,

    /// <summary>The decoded body would exceed the size cap: answer 413.</summary>
    TooLarge,

    /// <summary>The body is not valid for its declared encoding: answer 400.</summary>
    Corrupt,
}
