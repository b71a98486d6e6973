using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecureStack.Audit.Chain;

/// <summary>
/// The head of the chain kept in a second file: a log whose tail was cut off no longer contains the
/// record the head file names, and the writer and the verifier say so. It names the chain's algorithm
/// and, when a key is set, carries an HMAC over its fields so it cannot be rewritten to match a cut log.
/// </summary>
internal static class HeadFile
{
    /// <summary>The chain algorithms a head file names.</summary>
    public const string Sha256 = "sha256";
    public const string HmacSha256 = "hmac-sha256";

    public static void Write(string path, ChainHead head, byte[]? key)
    {
        var temp = path + ".tmp";
        var alg = key is null ? Sha256 : HmacSha256;
        var fields = new Dictionary<string, object>
        {
            ["seq"] = head.Seq,
            ["hash"] = head.Hash,
            ["timestamp"] = (head.Timestamp ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["alg"] = alg,
        };
        if (key is not null)
        {
            fields["mac"] = Mac(key, head.Seq, head.Hash, alg);
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(fields));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The head the file names, or null when there is no file; throws <see cref="FormatException"/> on a damaged one.</summary>
    public static StoredHead? Read(string path)
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

        return new StoredHead(new ChainHead(seq, hash, null), String(root, "alg"), String(root, "mac"));
    }

    /// <summary>Why <paramref name="stored"/> cannot be trusted with <paramref name="key"/>, or null when it can.</summary>
    public static string? Distrust(StoredHead stored, byte[]? key)
    {
        if (key is null)
        {
            // Nothing to check it with; the verifier reports the no-key limits.
            return null;
        }

        if (stored.Mac is null)
        {
            return "the head file carries no HMAC although AUDIT_HMAC_KEY is set: it was rewritten, or written by a version without head HMACs";
        }

        var expected = Mac(key, stored.Head.Seq, stored.Head.Hash, stored.Algorithm ?? "");
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(stored.Mac))
            ? null
            : "the head file's HMAC does not match its contents: it was rewritten, or AUDIT_HMAC_KEY is not the writer's key";
    }

    /// <summary>Domain-separated from record hashes, so no record's hash can stand in for a head's MAC.</summary>
    private static string Mac(byte[] key, long seq, string hash, string alg) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"securestack-audit-head\n{seq}\n{hash}\n{alg}"))));

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
