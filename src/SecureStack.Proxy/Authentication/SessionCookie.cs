using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureStack.Proxy.Authentication;

/// <summary>
/// The browser session: <c>base64url(v1|name|expiry-unix-seconds|nonce).base64url(HMAC-SHA256)</c>.
/// It names the token that logged in, so removing a token from the configuration ends its sessions.
/// </summary>
internal sealed class SessionCookie(byte[] key, TimeSpan lifetime, TimeProvider time, bool secure)
{
    public string Name { get; } = secure ? "__Host-securestack_session" : "securestack_session";

    public bool Secure => secure;

    public TimeSpan Lifetime => lifetime;

    public (string Value, DateTimeOffset Expires) Issue(string tokenName)
    {
        var expires = time.GetUtcNow() + lifetime;
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"v1|{tokenName}|{expires.ToUnixTimeSeconds()}|{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        var bytes = Encoding.UTF8.GetBytes(payload);
        return (Base64Url.EncodeToString(bytes) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, bytes)), expires);
    }

    /// <summary>The token name inside a valid, unexpired cookie, or null.</summary>
    public string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 512 || value.Split('.') is not [var body, var mac])
        {
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(body);
            signature = Base64Url.DecodeFromChars(mac);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        return parts is ["v1", var name, var expiry, _]
            && long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            && time.GetUtcNow().ToUnixTimeSeconds() < unix
                ? name
                : null;
    }
}
