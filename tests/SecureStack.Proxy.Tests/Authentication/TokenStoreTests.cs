using System.Security.Cryptography;
using System.Text;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests.Authentication;

public sealed class TokenStoreTests
{
    private static ApiToken Entry(string name, string token) => new(name, SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [Fact]
    public void Find_ReturnsTheNamedTokenForEachOfSeveral()
    {
        var store = new TokenStore([Entry("old", "old-token-value-123456"), Entry("new", "new-token-value-654321")]);
        Assert.Equal("old", store.Find("old-token-value-123456")?.Name);
        Assert.Equal("new", store.Find("new-token-value-654321")?.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old-token-value-12345")]
    [InlineData("old-token-value-1234567")]
    [InlineData("OLD-TOKEN-VALUE-123456")]
    public void Find_RefusesNearMisses(string presented) =>
        Assert.Null(new TokenStore([Entry("old", "old-token-value-123456")]).Find(presented));

    [Fact]
    public void Find_RefusesAHugeToken() =>
        Assert.Null(new TokenStore([Entry("a", "x")]).Find(new string('x', 100_000)));
}
