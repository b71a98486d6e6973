using System.IO.Pipelines;
using System.Text;
using SecureStack.Egress.Proxy;

namespace SecureStack.Egress.Tests.Proxy;

public sealed class RequestHeadReaderTests
{
    [Fact]
    public async Task Read_FindsTerminatorSplitAcrossReads_AndKeepsBytesAfterIt()
    {
        var pipe = new Pipe();
        var read = RequestHeadReader.ReadAsync(pipe.Reader.AsStream(), 1024, CancellationToken.None);
        foreach (var part in new[] { "CONNECT a.example:443 HTTP/1.1\r", "\n\r", "\nTLS" })
        {
            await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes(part));
        }

        var head = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("CONNECT a.example:443 HTTP/1.1", head.Text);
        Assert.Equal("TLS", Encoding.ASCII.GetString(head.Rest.Span));
    }

    [Fact]
    public async Task Read_StopsAtTheLimit()
    {
        var head = await RequestHeadReader.ReadAsync(new MemoryStream(new byte[5000]), 1024, CancellationToken.None);

        Assert.Null(head.Text);
        Assert.True(head.TooLarge);
    }

    [Fact]
    public async Task Read_ReportsAClientThatClosedEarly()
    {
        var head = await RequestHeadReader.ReadAsync(new MemoryStream("CONNECT a.example:443 HTTP/1.1\r\n"u8.ToArray()), 1024, CancellationToken.None);

        Assert.Null(head.Text);
        Assert.False(head.TooLarge);
    }
}
