using System.Net.Sockets;
using System.Text;

namespace SecureStack.Proxy.Tests.Paths;

/// <summary>
/// Request smuggling over a raw socket (no client library tidies the framing): Content-Length together with
/// Transfer-Encoding must be refused with 400 and never reach the upstream. Kestrel renames Content-Length to
/// X-Content-Length in that case before any middleware runs, which hid the pair from the old check.
/// </summary>
public sealed class RequestFramingTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    [Theory]
    [InlineData("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "cl-te")]
    [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "te-cl")]
    [InlineData("Content-Length: 5\r\nTransfer-Encoding: gzip, chunked\r\n", "cl-te-list")]
    public async Task ContentLengthWithTransferEncoding_Is400_AndNeverForwarded(string framing, string marker)
    {
        var head = $"POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {fixture.Proxy.Token}\r\nX-Case: {marker}\r\n{framing}\r\n";
        var response = await SendRawAsync(head + "0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Header("x-case") == marker);
    }

    [Fact]
    public async Task ChunkedAlone_IsForwarded()
    {
        var head = $"POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {fixture.Proxy.Token}\r\nX-Case: te-only\r\nTransfer-Encoding: chunked\r\n\r\n";
        var response = await SendRawAsync(head + "5\r\nhello\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains(fixture.Upstream.Requests, r => r.Header("x-case") == "te-only");
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Proxy.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
