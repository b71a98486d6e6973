using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureStack.Egress.Tests;

/// <summary>A real TCP server on 127.0.0.1 standing in for an internet host: echoes bytes, or answers one HTTP request.</summary>
internal sealed class LoopbackUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _http;

    private LoopbackUpstream(bool http)
    {
        _http = http;
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Request heads an HTTP upstream received.</summary>
    public List<string> ReceivedHeads { get; } = [];

    public int Accepted { get; private set; }

    public static LoopbackUpstream Echo() => new(http: false);

    public static LoopbackUpstream Http() => new(http: true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Accepted++;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            try
            {
                if (_http)
                {
                    var head = await ReadHeadAsync(stream, _stop.Token);
                    lock (ReceivedHeads)
                    {
                        ReceivedHeads.Add(head);
                    }

                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nupstream"u8.ToArray(), _stop.Token);
                    return;
                }

                int read;
                while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The proxy closed the tunnel.
            }
        }
    }

    /// <summary>Reads bytes up to and including the blank line that ends an HTTP head.</summary>
    public static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
