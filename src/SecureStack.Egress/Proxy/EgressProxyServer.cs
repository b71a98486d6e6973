using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SecureStack.Audit;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Metrics;

namespace SecureStack.Egress.Proxy;

/// <summary>
/// The egress CONNECT proxy: a plain socket server (no ASP.NET, so the egress image stays small) that
/// lets clients reach allowlisted hosts only. The allowlist can be replaced while running (SIGHUP).
/// </summary>
public sealed class EgressProxyServer : IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly EgressProxyOptions _options;
    private readonly IHostResolver _resolver;
    private readonly IAuditLog _audit;
    private readonly EgressMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private EgressAllowlist _allowlist;
    private int _connectionCount;

    public EgressProxyServer(EgressProxyOptions options, EgressAllowlist allowlist, IAuditLog audit, EgressMetrics metrics, ILogger logger, TimeProvider? time = null)
        : this(options, allowlist, audit, metrics, logger, time ?? TimeProvider.System, new SystemHostResolver())
    {
    }

    internal EgressProxyServer(EgressProxyOptions options, EgressAllowlist allowlist, IAuditLog audit, EgressMetrics metrics, ILogger logger, TimeProvider time, IHostResolver resolver)
    {
        options.Validate();
        _options = options;
        _allowlist = allowlist;
        _audit = audit;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _resolver = resolver;
    }

    /// <summary>The bound address (useful with port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("the proxy has not started");

    public EgressAllowlist Allowlist => Volatile.Read(ref _allowlist);

    /// <summary>Binds and starts accepting; throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public void Start()
    {
        var listener = new Socket(_options.Listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_options.Listen);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        Log.Listening(_logger, LocalEndPoint.ToString(), Allowlist.Entries.Count, Allowlist.Source);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <summary>New connections use <paramref name="allowlist"/>; tunnels already open keep running.</summary>
    public void ReplaceAllowlist(EgressAllowlist allowlist)
    {
        Volatile.Write(ref _allowlist, allowlist);
        Log.AllowlistReplaced(_logger, allowlist.Entries.Count, allowlist.Source);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Keys).WaitAsync(DrainTimeout, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
            {
                return;
            }

            var task = HandleAsync(client, stopping);
            _connections.TryAdd(task, true);
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(Socket client, CancellationToken stopping)
    {
        // Leave the accept loop at once: the handler runs on the thread pool.
        await Task.Yield();
        using var socket = client;
        var connection = new ProxyConnection(client, _options, Allowlist, _resolver, _audit, _metrics, _logger, _time);
        var count = Interlocked.Increment(ref _connectionCount);
        _metrics.Opened();
        try
        {
            if (count > _options.MaxTunnels)
            {
                await connection.RefuseBusyAsync().ConfigureAwait(false);
            }
            else
            {
                await connection.HandleAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the proxy is stopping: nothing left to answer.
        }
        catch (Exception ex)
        {
            Log.ConnectionFailed(_logger, ex, (client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown");
        }
        finally
        {
            Interlocked.Decrement(ref _connectionCount);
            _metrics.Closed();
        }
    }
}
