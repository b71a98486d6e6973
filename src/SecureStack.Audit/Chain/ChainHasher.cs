using System.Security.Cryptography;

namespace SecureStack.Audit.Chain;

/// <summary>Hashes a record's bytes: HMAC-SHA256 with the configured key, plain SHA-256 without.</summary>
internal sealed class ChainHasher(byte[]? hmacKey)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public string Hash(ReadOnlySpan<byte> record)
    {
        Span<byte> digest = stackalloc byte[32];
        if (hmacKey is null)
        {
            SHA256.HashData(record, digest);
        }
        else
        {
            HMACSHA256.HashData(hmacKey, record, digest);
        }

        return Convert.ToHexStringLower(digest);
    }
}
