using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using SecureStack.Audit;
using SecureStack.Egress.Addresses;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Metrics;
using SecureStack.Egress.Proxy;

namespace SecureStack.Benchmarks.Egress;

/// <summary>
/// The egress proxy's cost against talking to the same loopback echo server directly: a new tunnel per
/// request (CONNECT, check, resolve, connect, 1 KiB round trip) and streaming 1 MiB over an open tunnel.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EgressTunnelBenchmarks
{
    private const string Host = "api.bench.example";
    private readonly byte[] _small = new byte[1024];
    private readonly byte[] _large = new byte[1024 * 1024];
    private readonly byte[] _buffer = new byte[1024 * 1024];
    private EchoServer _echo = null!;
    private EgressProxyServer _proxy = null!;
    private AuditLog _audit = null!;
    private EgressMetrics _metrics = null!;
    private string _directory = null!;
    private TcpClient _directStream = null!;
    private TcpClient _tunnelStream = null!;

    [GlobalSetup]
    public void Setup()
    {
        _echo = new EchoServer();
        _directory = Directory.CreateTempSubdirectory("egress-bench-").FullName;
        _audit = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(_directory, "audit.jsonl") });
        _metrics = new EgressMetrics();
        var options = new EgressProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            MaxTunnels = 1024,
            // The echo server is on loopback, so the benchmark opens 127.0.0.0/8; the CLI never can.
            AddressPolicy = new AddressPolicy([IPNetwork.Parse("127.0.0.0/8")]),
        };
        var allowlist = AllowlistParser.Parse($"{Host}:{_echo.Port}", "bench.conf");
        _proxy = new EgressProxyServer(options, allowlist, _audit, _metrics, NullLogger.Instance, TimeProvider.System, new FixedResolver());
        _proxy.Start();
        _directStream = ConnectDirectAsync().GetAwaiter().GetResult();
        _tunnelStream = ConnectTunnelAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _directStream.Dispose();
        _tunnelStream.Dispose();
        _proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _echo.Dispose();
        _metrics.Dispose();
        _audit.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("per-connection")]
    public async Task DirectConnection1KiB()
    {
        using var client = await ConnectDirectAsync();
        await RoundTripAsync(client.GetStream(), _small);
    }

    [Benchmark]
    [BenchmarkCategory("per-connection")]
    public async Task TunnelConnection1KiB()
    {
        using var client = await ConnectTunnelAsync();
        await RoundTripAsync(client.GetStream(), _small);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("stream")]
    public Task DirectStream1MiB() => RoundTripAsync(_directStream.GetStream(), _large);

    [Benchmark]
    [BenchmarkCategory("stream")]
    public Task TunnelStream1MiB() => RoundTripAsync(_tunnelStream.GetStream(), _large);

    private async Task<TcpClient> ConnectDirectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, _echo.Port);
        return client;
    }

    private async Task<TcpClient> ConnectTunnelAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_proxy.LocalEndPoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {Host}:{_echo.Port} HTTP/1.1\r\n\r\n"));
        // "HTTP/1.1 200 Connection Established\r\n\r\n" is 39 bytes.
        await stream.ReadExactlyAsync(_buffer.AsMemory(0, 39));
        if (_buffer[9] != (byte)'2')
        {
            throw new InvalidOperationException("the proxy refused the benchmark tunnel: " + Encoding.ASCII.GetString(_buffer, 0, 39));
        }

        return client;
    }

    private async Task RoundTripAsync(NetworkStream stream, byte[] payload)
    {
        var send = stream.WriteAsync(payload).AsTask();
        await stream.ReadExactlyAsync(_buffer.AsMemory(0, payload.Length));
        await send;
    }

    private sealed class FixedResolver : IHostResolver
    {
        private static readonly IPAddress[] Answer = [IPAddress.Loopback];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(Answer);
    }
}
