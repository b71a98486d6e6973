using System.Globalization;
using System.Text.Json;

namespace SecureStack.Audit.Chain;

/// <summary>The last record of the chain: what the next record links to.</summary>
internal sealed record ChainHead(long Seq, string Hash, DateTimeOffset? Timestamp)
{
    public static readonly ChainHead Genesis = new(0, ChainHasher.Genesis, null);

    /// <summary>Reads seq, hash and timestamp from a line without checking its hash (the verifier does that).</summary>
    public static ChainHead? FromLine(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            return new ChainHead(
                root.GetProperty("seq").GetInt64(),
                root.GetProperty("hash").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
