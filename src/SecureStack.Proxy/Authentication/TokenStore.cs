using System.Security.Cryptography;
using System.Text;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Authentication;

/// <summary>The configured tokens, held only as SHA-256 hashes and compared in constant time.</summary>
internal sealed class TokenStore(IReadOnlyList<ApiToken> tokens)
{
    /// <summary>Longer presented values are refused without hashing; real tokens are 44 characters.</summary>
    private const int MaxTokenChars = 512;

    /// <summary>The token's entry, or null. Every entry is compared so the time does not depend on which one matches.</summary>
    public ApiToken? Find(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > MaxTokenChars)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(presented.Length)];
        var length = Encoding.UTF8.GetBytes(presented, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        ApiToken? match = null;
        foreach (var token in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, token.Sha256))
            {
                match = token;
            }
        }

        return match;
    }

    public bool HasName(string name) => tokens.Any(t => t.Name == name);
}
