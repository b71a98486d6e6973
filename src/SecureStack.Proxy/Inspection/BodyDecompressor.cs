using System.IO.Compression;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// Undoes <c>Content-Encoding</c> (gzip, x-gzip, deflate, br, identity, and lists of them) so a compressed
/// prompt is inspected like any other, with a cap on the decoded size against compression bombs.
/// </summary>
internal static class BodyDecompressor
{
    private const int MaxEncodings = 4;

    public static DecompressionResult Decompress(ReadOnlyMemory<byte> body, string? contentEncoding, int maxDecodedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDecodedBytes);
        var encodings = (contentEncoding ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.ToLowerInvariant())
            .Where(e => e != "identity")
            .ToList();
        if (encodings.Count > MaxEncodings)
        {
            return new DecompressionResult(DecompressionStatus.UnsupportedEncoding, default, $"More than {MaxEncodings} content encodings are not accepted.");
        }

        if (encodings.FirstOrDefault(e => e is not ("gzip" or "x-gzip" or "deflate" or "br")) is { } unknown)
        {
            return new DecompressionResult(DecompressionStatus.UnsupportedEncoding, default,
                $"Content-Encoding \"{unknown}\" is not supported; use gzip, deflate, br or none.");
        }

        if (body.Length > maxDecodedBytes && encodings.Count == 0)
        {
            return TooLarge(maxDecodedBytes);
        }

        var current = body;
        // Encodings are listed in the order they were applied, so they are undone from the last.
        for (var k = encodings.Count - 1; k >= 0; k--)
        {
            var result = Decode(current, encodings[k], maxDecodedBytes);
            if (result.Status != DecompressionStatus.Ok)
            {
                return result;
            }

            current = result.Body;
        }

        return new DecompressionResult(DecompressionStatus.Ok, current, null);
    }

    private static DecompressionResult Decode(ReadOnlyMemory<byte> data, string encoding, int max)
    {
        var result = Inflate(data, encoding, max, rawDeflate: false);
        // Some clients send raw deflate under "deflate" although HTTP means zlib-wrapped.
        return result.Status == DecompressionStatus.Corrupt && encoding == "deflate" ? Inflate(data, encoding, max, rawDeflate: true) : result;
    }

    private static DecompressionResult Inflate(ReadOnlyMemory<byte> data, string encoding, int max, bool rawDeflate)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using Stream decoder = encoding switch
            {
                "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
                "br" => new BrotliStream(input, CompressionMode.Decompress),
                _ when rawDeflate => new DeflateStream(input, CompressionMode.Decompress),
                _ => new ZLibStream(input, CompressionMode.Decompress),
            };
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = decoder.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > max)
                {
                    return TooLarge(max);
                }

                output.Write(buffer, 0, read);
            }

            return new DecompressionResult(DecompressionStatus.Ok, output.ToArray(), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return new DecompressionResult(DecompressionStatus.Corrupt, default, $"The body is not valid {encoding} data.");
        }
    }

    private static DecompressionResult TooLarge(int max) =>
        new(DecompressionStatus.TooLarge, default, $"The decoded body exceeds the inspection limit of {max} bytes.");
}
