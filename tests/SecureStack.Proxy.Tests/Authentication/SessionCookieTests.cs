using System.Security.Cryptography;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Tests.Authentication;

public sealed class SessionCookieTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Validate_AcceptsAnIssuedCookieUntilItExpires()
    {
        var cookie = new SessionCookie(_key, TimeSpan.FromHours(1), _time, secure: false);
        var (value, expires) = cookie.Issue("alice");
        Assert.Equal(_time.GetUtcNow().AddHours(1), expires);
        Assert.Equal("alice", cookie.Validate(value));
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("alice", cookie.Validate(value));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(cookie.Validate(value));
    }

    [Fact]
    public void Validate_RefusesTamperedOrForeignCookies()
    {
        var cookie = new SessionCookie(_key, TimeSpan.FromHours(1), _time, secure: false);
        var (value, _) = cookie.Issue("alice");
        var other = new SessionCookie(RandomNumberGenerator.GetBytes(32), TimeSpan.FromHours(1), _time, secure: false);
        Assert.Null(other.Validate(value));
        var forged = System.Buffers.Text.Base64Url.EncodeToString("v1|admin|9999999999|00"u8) + value[value.IndexOf('.', StringComparison.Ordinal)..];
        Assert.Null(cookie.Validate(forged));
        Assert.Null(cookie.Validate(value + "x"));
        Assert.Null(cookie.Validate("not-a-cookie"));
    }

    [Fact]
    public void Name_UsesTheHostPrefixOnTls()
    {
        Assert.Equal("__Host-securestack_session", new SessionCookie(_key, TimeSpan.FromHours(1), _time, secure: true).Name);
        Assert.Equal("securestack_session", new SessionCookie(_key, TimeSpan.FromHours(1), _time, secure: false).Name);
    }
}
