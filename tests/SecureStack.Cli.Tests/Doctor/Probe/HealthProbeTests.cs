using System.Net;
using System.Net.Sockets;
using System.Text;
using SecureStack.Cli.Doctor.Probe;

namespace SecureStack.Cli.Tests.Doctor.Probe;

public sealed class HealthProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("200 OK", true)]
    [InlineData("204 No Content", true)]
    [InlineData("503 Service Unavailable", false)]
    [InlineData("401 Unauthorized", false)]
    public async Task Http_IsHealthyOnlyOn2xx(string status, bool healthy)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = AnswerOnceAsync(listener, status);

        var result = await HealthProbe.RunAsync(new Uri($"http://127.0.0.1:{port}/healthz"), insecure: false, Timeout, CancellationToken.None);

        await server;
        Assert.Equal(healthy, result.Healthy);
        Assert.Contains(status.Split(' ')[0], result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_IsHealthyWhenSomethingListens_AndNotAfterItStops()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new Uri($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

        Assert.True((await HealthProbe.RunAsync(target, false, Timeout, CancellationToken.None)).Healthy);
        listener.Stop();
        Assert.False((await HealthProbe.RunAsync(target, false, Timeout, CancellationToken.None)).Healthy);
    }

    [Fact]
    public async Task File_IsHealthyOnlyWhenItExists()
    {
        var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}");
        var target = new Uri($"file://{path}");
        Assert.False((await HealthProbe.RunAsync(target, false, Timeout, CancellationToken.None)).Healthy);

        await File.WriteAllTextAsync(path, "");
        try
        {
            Assert.True((await HealthProbe.RunAsync(target, false, Timeout, CancellationToken.None)).Healthy);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UnknownScheme_IsUnhealthy_WithTheSchemesItKnows()
    {
        var result = await HealthProbe.RunAsync(new Uri("ftp://127.0.0.1/"), false, Timeout, CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("http, https, tcp or file", result.Message, StringComparison.Ordinal);
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }
}
