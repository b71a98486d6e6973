using Microsoft.Net.Http.Headers;
using SecureStack.Proxy.Hosting;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// The one reader of model-bound request bodies, for the main path and the model relay alike: the whole body, at most
/// PROXY_MAX_BODY_BYTES, a compressed one (gzip, deflate, br) decoded within the same limit and its Content-Encoding
/// removed, so the inspectors see the text the upstream would; then the (possibly rewritten) bytes put back.
/// </summary>
internal static class RequestBodyReader
{
    /// <summary>Whether the body carries a Content-Encoding other than identity.</summary>
    public static bool IsEncoded(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding;
        return encoding.Count > 0 && !encoding.All(e => "identity".Equals(e, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<BodyRead> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return new BodyRead(default, "body too large", StatusCodes.Status413PayloadTooLarge);
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = await ReadAllAsync(request, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            return new BodyRead(default, "body too large", ex.StatusCode);
        }

        await SocketThreads.LeaveAsync();
        if (!IsEncoded(request))
        {
            return new BodyRead(body);
        }

        var decoded = BodyDecompressor.Decompress(body, request.Headers.ContentEncoding.ToString(), (int)Math.Min(maxBytes, int.MaxValue));
        if (decoded.Status != DecompressionStatus.Ok)
        {
            return new BodyRead(default, decoded.Error ?? "undecodable body", decoded.StatusCode, Encoding: true);
        }

        request.Headers.Remove(HeaderNames.ContentEncoding);
        return new BodyRead(decoded.Body);
    }

    /// <summary>What the next stage (YARP) forwards: <paramref name="body"/> with its exact length, no chunked framing.</summary>
    public static void Replace(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        request.Headers.Remove(HeaderNames.TransferEncoding);
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body.ToArray(), writable: false);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new BadHttpRequestException("body too large", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
