using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using SecureStack.Audit;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Metrics;

namespace SecureStack.Egress.Proxy;

/// <summary>
/// Handles one client connection: reads the request head, checks host and port against the
/// allowlist, resolves the name once, refuses non-public answers, connects to exactly a vetted
/// address and then tunnels. Every refusal is answered, audited and counted.
/// </summary>
internal sealed class ProxyConnection
{
    private static readonly byte[] ConnectEstablished = "HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray();

    /// <summary>Hop-by-hop and proxy headers never forwarded upstream (RFC 9110 section 7.6.1).</summary>
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Upgrade",
    };

    private readonly EgressProxyOptions _options;
    private readonly EgressAllowlist _allowlist;
    private readonly IHostResolver _resolver;
    private readonly IAuditLog _audit;
    private readonly EgressMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Socket _client;
    private readonly string _clientAddress;

    public ProxyConnection(Socket client, EgressProxyOptions options, EgressAllowlist allowlist, IHostResolver resolver,
        IAuditLog audit, EgressMetrics metrics, ILogger logger, TimeProvider time)
    {
        _client = client;
        _options = options;
        _allowlist = allowlist;
        _resolver = resolver;
        _audit = audit;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _clientAddress = (client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
    }

    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        using var clientStream = new NetworkStream(_client, ownsSocket: false);
        RequestHead head;
        using (var headTimeout = new CancellationTokenSource(_options.HeaderTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(headTimeout.Token, cancellationToken))
        {
            try
            {
                head = await RequestHeadReader.ReadAsync(clientStream, _options.MaxHeaderBytes, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (headTimeout.IsCancellationRequested)
            {
                await RefuseAsync(clientStream, RefusalReason.HeaderTimeout, 408, "request", "", 0, "no complete request head in time").ConfigureAwait(false);
                return;
            }
        }

        if (head.Text is null)
        {
            if (head.TooLarge)
            {
                await RefuseAsync(clientStream, RefusalReason.BadRequest, 431, "request", "", 0, $"request head larger than {_options.MaxHeaderBytes} bytes").ConfigureAwait(false);
            }

            return;
        }

        if (ProxyRequestParser.Parse(head.Text, out var error) is not { } request)
        {
            await RefuseAsync(clientStream, RefusalReason.BadRequest, 400, "request", "", 0, error).ConfigureAwait(false);
            return;
        }

        if (request.Kind == ProxyRequestKind.Local)
        {
            await ServeLocalAsync(clientStream, request, cancellationToken).ConfigureAwait(false);
            return;
        }

        await ForwardAsync(clientStream, request, head.Rest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a refused client at once when the proxy is at its connection limit.</summary>
    public async Task RefuseBusyAsync()
    {
        using var clientStream = new NetworkStream(_client, ownsSocket: false);
        await RefuseAsync(clientStream, RefusalReason.TunnelLimit, 503, "request", "", 0, $"more than {_options.MaxTunnels} connections at once").ConfigureAwait(false);
    }

    private async Task ForwardAsync(NetworkStream clientStream, ProxyRequest request, ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        var action = request.Kind == ProxyRequestKind.Connect ? "connect" : "http";
        var (host, port) = (request.Host, request.Port);
        if (HostNames.IsAddressLiteral(host))
        {
            await RefuseAsync(clientStream, RefusalReason.AddressLiteral, 403, action, host, port, "targets must be allowlisted host names, not IP addresses").ConfigureAwait(false);
            return;
        }

        if (HostNames.Normalize(host) is not { } name)
        {
            await RefuseAsync(clientStream, RefusalReason.BadRequest, 400, action, host, port, "not a valid host name").ConfigureAwait(false);
            return;
        }

        if (!_allowlist.Allows(name, port))
        {
            await RefuseAsync(clientStream, RefusalReason.NotAllowlisted, 403, action, name, port, $"{name}:{port} is not in {_allowlist.Source}").ConfigureAwait(false);
            return;
        }

        IPAddress[] addresses;
        using (var resolveTimeout = new CancellationTokenSource(_options.ResolveTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(resolveTimeout.Token, cancellationToken))
        {
            try
            {
                addresses = await _resolver.ResolveAsync(name, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await RefuseAsync(clientStream, RefusalReason.ResolveFailed, 502, action, name, port, ex is SocketException s ? s.SocketErrorCode.ToString() : "timed out").ConfigureAwait(false);
                return;
            }
        }

        if (addresses.Length == 0)
        {
            await RefuseAsync(clientStream, RefusalReason.ResolveFailed, 502, action, name, port, "no addresses").ConfigureAwait(false);
            return;
        }

        // One non-public answer taints the whole name: a rebinding resolver mixes good and bad answers.
        foreach (var address in addresses)
        {
            if (!_options.AddressPolicy.Allows(address, out var category))
            {
                await RefuseAsync(clientStream, RefusalReason.ForbiddenAddress, 403, action, name, port, $"{name} resolves to {address} ({category})", address).ConfigureAwait(false);
                return;
            }
        }

        using var upstream = await ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
        if (upstream is null)
        {
            await RefuseAsync(clientStream, RefusalReason.ConnectFailed, 502, action, name, port, $"no answer from {string.Join(", ", addresses.Select(a => a.ToString()))}").ConfigureAwait(false);
            return;
        }

        _metrics.Allowed(request.Kind);
        Log.Allowed(_logger, action, _clientAddress, name, port, ((IPEndPoint)upstream.RemoteEndPoint!).Address.ToString());
        using (var upstreamStream = new NetworkStream(upstream, ownsSocket: false))
        {
            if (request.Kind == ProxyRequestKind.Connect)
            {
                await clientStream.WriteAsync(ConnectEstablished, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await upstreamStream.WriteAsync(OriginFormHead(request, name), cancellationToken).ConfigureAwait(false);
            }

            if (!rest.IsEmpty)
            {
                await upstreamStream.WriteAsync(rest, cancellationToken).ConfigureAwait(false);
            }
        }

        var idledOut = await TunnelPump.RunAsync(_client, upstream, _options.IdleTimeout, _time, cancellationToken).ConfigureAwait(false);
        Log.Closed(_logger, name, port, _clientAddress, idledOut);
    }

    /// <summary>Connects to the vetted addresses in order; never resolves again.</summary>
    private async Task<Socket?> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), linked.Token).ConfigureAwait(false);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
            }
        }

        return null;
    }

    /// <summary>The request head rewritten to origin form, with proxy and hop-by-hop headers dropped and one request per connection.</summary>
    private static byte[] OriginFormHead(ProxyRequest request, string name)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(request.PathAndQuery).Append(' ').Append(request.Version).Append("\r\n");
        head.Append("Host: ").Append(name);
        if (request.Port != 80)
        {
            head.Append(':').Append(request.Port);
        }

        head.Append("\r\n");
        foreach (var (key, value) in request.Headers)
        {
            if (!DroppedHeaders.Contains(key))
            {
                head.Append(key).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private async Task ServeLocalAsync(NetworkStream clientStream, ProxyRequest request, CancellationToken cancellationToken)
    {
        var (status, body) = (request.Method, request.PathAndQuery) switch
        {
            ("GET", "/healthz") => ("200 OK", "ok\n"),
            _ => ("404 Not Found", "this is an egress proxy: send CONNECT host:port or an absolute http:// URL\n"),
        };
        await WriteResponseAsync(clientStream, status, body, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task RefuseAsync(NetworkStream clientStream, RefusalReason reason, int status, string action, string host, int port, string detail, IPAddress? address = null)
    {
        var wire = reason.WireName();
        _metrics.Refused(reason);
        Log.Refused(_logger, _clientAddress, host, port, wire, detail);
        var details = new Dictionary<string, object?>
        {
            ["host"] = host,
            ["port"] = port,
            ["reason"] = wire,
            ["client"] = _clientAddress,
            ["detail"] = detail,
        };
        if (address is not null)
        {
            details["address"] = address.ToString();
        }

        var risk = reason is RefusalReason.ForbiddenAddress or RefusalReason.AddressLiteral ? RiskLevel.High
            : reason is RefusalReason.NotAllowlisted ? RiskLevel.Medium
            : RiskLevel.Low;
        try
        {
            _audit.Append(new AuditEvent(AuditEventType.EgressBlocked, action, AuditResult.Blocked, risk)
            {
                SourceIp = _clientAddress,
                Details = details,
            });
        }
        catch (AuditLogUnavailableException ex)
        {
            Log.AuditFailed(_logger, ex, host, port);
        }

        var statusLine = status switch
        {
            400 => "400 Bad Request",
            403 => "403 Forbidden",
            408 => "408 Request Timeout",
            431 => "431 Request Header Fields Too Large",
            502 => "502 Bad Gateway",
            _ => "503 Service Unavailable",
        };
        try
        {
            await WriteResponseAsync(clientStream, statusLine, $"blocked by egress policy: {wire}: {detail}\n", wire, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // The client has gone; the refusal is recorded all the same.
        }
    }

    private static async Task WriteResponseAsync(NetworkStream clientStream, string status, string body, string? reason, CancellationToken cancellationToken)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append("\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n")
            .Append("Connection: close\r\n");
        if (reason is not null)
        {
            head.Append("X-SecureStack-Egress: ").Append(reason).Append("\r\n");
        }

        head.Append("\r\n");
        await clientStream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        await clientStream.WriteAsync(bodyBytes, cancellationToken).ConfigureAwait(false);
    }
}
