using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecureStack.Audit.Chain;

/// <summary>
/// Turns events into log lines and back. The hash covers the exact bytes of the record without its
/// <c>hash</c> field: a line is <c>{…,"prev":"…"</c> + <c>,"hash":"…"}</c>, so a verifier recovers the
/// hashed bytes by cutting the fixed-size suffix.
/// </summary>
internal static class AuditRecordCodec
{
    private const string HashPrefix = ",\"hash\":\"";
    private static readonly int SuffixLength = HashPrefix.Length + 64 + 2;
    private static readonly JsonSerializerOptions DetailOptions = new() { WriteIndented = false };

    /// <summary>Builds the line (with trailing newline) for <paramref name="e"/> at <paramref name="seq"/>.</summary>
    public static byte[] Encode(AuditEvent e, long seq, DateTimeOffset timestamp, string prev, ChainHasher hasher, out string hash)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", seq);
            w.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("event_type", AuditWireNames.Of(e.Type));
            WriteNullable(w, "source_ip", e.SourceIp);
            WriteNullable(w, "user_id", e.UserId);
            w.WriteString("action", e.Action);
            w.WriteString("result", AuditWireNames.Of(e.Result));
            w.WriteString("risk_level", AuditWireNames.Of(e.Risk));
            w.WritePropertyName("details");
            if (e.Details is null)
            {
                w.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(w, e.Details, DetailOptions);
            }

            w.WriteString("prev", prev);
            w.WriteEndObject();
        }

        var record = buffer.WrittenSpan;
        hash = hasher.Hash(record);
        var line = new byte[record.Length - 1 + SuffixLength + 1];
        record[..^1].CopyTo(line);
        var written = record.Length - 1;
        written += Encoding.ASCII.GetBytes(HashPrefix + hash + "\"}\n", line.AsSpan(written));
        return line;
    }

    /// <summary>
    /// Parses one line (no newline) and checks its own hash with <paramref name="hasher"/>; with null (an HMAC chain
    /// read without its key) only the shape is checked. The chain links are the caller's.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> line, ChainHasher? hasher, out AuditRecord? record, out string error)
    {
        record = null;
        if (line.Length <= SuffixLength || !line.EndsWith("\"}"u8)
            || !line[^SuffixLength..].StartsWith(Encoding.ASCII.GetBytes(HashPrefix)))
        {
            error = "record has no hash field at its end";
            return false;
        }

        var claimed = Encoding.ASCII.GetString(line.Slice(line.Length - 66, 64));
        var hashed = new byte[line.Length - SuffixLength + 1];
        line[..^SuffixLength].CopyTo(hashed);
        hashed[^1] = (byte)'}';
        if (hasher is not null && !string.Equals(hasher.Hash(hashed), claimed, StringComparison.Ordinal))
        {
            error = "hash does not match the record's contents";
            return false;
        }

        return TryParse(hashed, claimed, out record, out error);
    }

    /// <summary>Parses a record's fields without checking its hash (for reading, not verifying).</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, string? hash, out AuditRecord? record, out string error)
    {
        record = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            record = new AuditRecord(
                root.GetProperty("seq").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("event_type").GetString()!,
                root.GetProperty("action").GetString()!,
                root.GetProperty("result").GetString()!,
                root.GetProperty("risk_level").GetString()!,
                root.GetProperty("prev").GetString()!,
                hash ?? StringOrNull(root, "hash") ?? "")
            {
                SourceIp = StringOrNull(root, "source_ip"),
                UserId = StringOrNull(root, "user_id"),
                Details = root.GetProperty("details") is { ValueKind: not JsonValueKind.Null } d ? d.Clone() : null,
            };
            error = "";
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = "record is not a valid audit event: " + ex.Message;
            return false;
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
