using SecureStack.Egress.Proxy;

namespace SecureStack.Egress.Tests.Proxy;

public sealed class ProxyRequestParserTests
{
    [Theory]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1", "Connect", "api.openai.com", 443, "")]
    [InlineData("CONNECT [2001:db8::1]:8443 HTTP/1.1", "Connect", "2001:db8::1", 8443, "")]
    [InlineData("GET http://example.com HTTP/1.1", "AbsoluteHttp", "example.com", 80, "/")]
    [InlineData("GET http://example.com?q=1 HTTP/1.0", "AbsoluteHttp", "example.com", 80, "/?q=1")]
    [InlineData("POST HTTP://example.com:8080/a/../b?x=%2F HTTP/1.1", "AbsoluteHttp", "example.com", 8080, "/a/../b?x=%2F")]
    [InlineData("GET /healthz HTTP/1.1", "Local", "", 0, "/healthz")]
    public void Parse_ReadsTargetAndKind(string requestLine, string kind, string host, int port, string path)
    {
        var request = ProxyRequestParser.Parse(requestLine + "\r\nHost: x\r\nUser-Agent:  curl/8 ", out var error);

        Assert.NotNull(request);
        Assert.Equal("", error);
        Assert.Equal((kind, host, port, path), (request.Kind.ToString(), request.Host, request.Port, request.PathAndQuery));
        Assert.Equal([new("Host", "x"), new("User-Agent", "curl/8")], request.Headers);
    }

    [Theory]
    [InlineData("CONNECT api.openai.com HTTP/1.1", "CONNECT needs host:port")]
    [InlineData("CONNECT api.openai.com:0 HTTP/1.1", "CONNECT needs host:port")]
    [InlineData("CONNECT api.openai.com:65536 HTTP/1.1", "CONNECT needs host:port")]
    [InlineData("CONNECT api.openai.com:+443 HTTP/1.1", "CONNECT needs host:port")]
    [InlineData("CONNECT :443 HTTP/1.1", "CONNECT needs host:port")]
    [InlineData("CONNECT [::1 HTTP/1.1", "CONNECT needs host:port")]
    [InlineData("CONNECT  api.openai.com:443 HTTP/1.1", "malformed request line")]
    [InlineData("CONNECT api.openai.com:443", "malformed request line")]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1 extra", "malformed request line")]
    [InlineData("CONNECT api.openai.com:443 HTTP/2.0", "unsupported protocol version")]
    [InlineData("GET https://api.openai.com/ HTTP/1.1", "https targets must be tunnelled with CONNECT")]
    [InlineData("GET api.openai.com HTTP/1.1", "absolute http:// URL")]
    [InlineData("GET http://user@api.openai.com/ HTTP/1.1", "without user info")]
    [InlineData("GET http:///path HTTP/1.1", "without user info")]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1\r\nNo-Colon", "malformed header line")]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1\r\nBad Name: x", "malformed header line")]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1\r\n\tfolded", "malformed header line")]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1\nHost: x", "bare CR or LF")]
    [InlineData("CONNECT api.openai.com:443 HTTP/1.1\r\nHost: a\rb", "bare CR or LF")]
    public void Parse_RefusesAmbiguousOrMalformedHeads(string head, string expected)
    {
        Assert.Null(ProxyRequestParser.Parse(head, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
