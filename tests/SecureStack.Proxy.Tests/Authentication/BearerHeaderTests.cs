using Microsoft.Extensions.Primitives;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Tests.Authentication;

public sealed class BearerHeaderTests
{
    [Theory]
    [InlineData("Bearer abc123", "abc123")]
    [InlineData("bearer abc123", "abc123")]
    [InlineData("BEARER abc123", "abc123")]
    [InlineData("Bearer  abc.def-ghi_~+/==", "abc.def-ghi_~+/==")]
    public void Parse_AcceptsBearerCaseInsensitively(string header, string token)
    {
        Assert.Equal(BearerOutcome.Present, BearerHeader.Parse(new StringValues(header), out var parsed));
        Assert.Equal(token, parsed);
    }

    [Fact]
    public void Parse_NoHeader_IsMissing() => Assert.Equal(BearerOutcome.Missing, BearerHeader.Parse(StringValues.Empty, out _));

    [Theory]
    [InlineData("Basic YWxhZGRpbjpvcGVu")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearerabc123")]
    [InlineData("Bearer abc 123")]
    [InlineData("Bearer abc,Bearer def")]
    [InlineData("Bearer =abc")]
    [InlineData("Bearer abc=def")]
    [InlineData("Bearer\tabc")]
    [InlineData("Token abc123")]
    public void Parse_RefusesMalformedHeaders(string header) =>
        Assert.Equal(BearerOutcome.Malformed, BearerHeader.Parse(new StringValues(header), out _));

    [Fact]
    public void Parse_TwoHeaders_AreMalformed() =>
        Assert.Equal(BearerOutcome.Malformed, BearerHeader.Parse(new StringValues(["Bearer a", "Bearer b"]), out _));
}
