using System.Globalization;
using System.Text.Json;

namespace SecureStack.Audit.Chain;

/// <summary>
/// The head of the chain kept in a second file: a log whose tail was cut off no longer contains the
/// record the head file names, and the verifier says so.
/// </summary>
internal static class HeadFile
{
    public static void Write(string path, ChainHead head)
    {
        var temp = path + ".tmp";
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["seq"] = head.Seq,
            ["hash"] = head.Hash,
            ["timestamp"] = (head.Timestamp ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        });
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static ChainHead? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var seq = root.GetProperty("seq").GetInt64();
        var hash = root.GetProperty("hash").GetString();
        // A damaged head must not pass as one that names no record the verifier could compare.
        if (seq < 0 || hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException("it must name a seq of 0 or more and a hash of 64 lower-case hex digits");
        }

        return new ChainHead(seq, hash, null);
    }
}
