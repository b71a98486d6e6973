using Microsoft.Win32.SafeHandles;

namespace SecureStack.Audit.Storage;

/// <summary>What the end of a log file holds: its last complete line and any unterminated bytes after it.</summary>
internal readonly record struct LogTail(byte[]? LastLine, long TornOffset, long TornLength)
{
    public bool IsTorn => TornLength > 0;

    /// <summary>Reads backwards from the end of the file until the last complete line is found.</summary>
    public static LogTail Read(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            return new LogTail(null, 0, 0);
        }

        var lastNewline = FindLastNewline(file, length);
        var tornOffset = lastNewline + 1;
        var tornLength = length - tornOffset;
        if (lastNewline < 0)
        {
            return new LogTail(null, 0, length);
        }

        var lineStart = FindLastNewline(file, lastNewline) + 1;
        var line = new byte[lastNewline - lineStart];
        ReadExactly(file, line, lineStart);
        return new LogTail(line, tornOffset, tornLength);
    }

    /// <summary>The first complete line of the file, or null.</summary>
    public static byte[]? FirstLine(SafeFileHandle file)
    {
        var chunk = new byte[8192];
        var collected = new List<byte>();
        long pos = 0;
        int read;
        while ((read = RandomAccess.Read(file, chunk, pos)) > 0)
        {
            var i = chunk.AsSpan(0, read).IndexOf((byte)'\n');
            if (i >= 0)
            {
                collected.AddRange(chunk.AsSpan(0, i));
                return [.. collected];
            }

            collected.AddRange(chunk.AsSpan(0, read));
            pos += read;
        }

        return null;
    }

    /// <summary>Offset of the last '\n' strictly before <paramref name="end"/>, or -1.</summary>
    private static long FindLastNewline(SafeFileHandle file, long end)
    {
        Span<byte> chunk = stackalloc byte[4096];
        var pos = end;
        while (pos > 0)
        {
            var size = (int)Math.Min(chunk.Length, pos);
            pos -= size;
            ReadExactly(file, chunk[..size], pos);
            var i = chunk[..size].LastIndexOf((byte)'\n');
            if (i >= 0)
            {
                return pos + i;
            }
        }

        return -1;
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(file, buffer, offset);
            if (n == 0)
            {
                throw new EndOfStreamException("audit log shrank while it was being read");
            }

            buffer = buffer[n..];
            offset += n;
        }
    }
}
