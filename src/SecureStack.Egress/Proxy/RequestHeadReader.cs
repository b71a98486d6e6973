using System.Text;

namespace SecureStack.Egress.Proxy;

/// <summary>Reads a request head up to the blank line, never more than a fixed number of bytes.</summary>
internal static class RequestHeadReader
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>Returns the head, or a result with no text when the client closed early or sent too much.</summary>
    public static async Task<RequestHead> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return new RequestHead(null, false, ReadOnlyMemory<byte>.Empty);
            }

            // Search from just before the new bytes: the terminator may straddle two reads.
            var searchFrom = Math.Max(0, filled - (EndOfHead.Length - 1));
            filled += read;
            var end = buffer.AsSpan(searchFrom, filled - searchFrom).IndexOf(EndOfHead);
            if (end >= 0)
            {
                var headLength = searchFrom + end;
                var text = Encoding.Latin1.GetString(buffer, 0, headLength);
                var restStart = headLength + EndOfHead.Length;
                return new RequestHead(text, false, buffer.AsMemory(restStart, filled - restStart));
            }
        }

        return new RequestHead(null, true, ReadOnlyMemory<byte>.Empty);
    }
}
