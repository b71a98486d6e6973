using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SecureStack.Audit;
using SecureStack.Egress.Addresses;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Metrics;
using SecureStack.Egress.Proxy;

namespace SecureStack.Egress.Tests.Proxy;

/// <summary>The real proxy on 127.0.0.1 against real loopback upstreams, a resolver table and a real audit log.</summary>
public sealed class EgressProxyServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>Loopback upstreams stand in for the internet here, so the tests open 127.0.0.0/8 (the CLI never can).</summary>
    private static readonly AddressPolicy LoopbackIsPublic = new([IPNetwork.Parse("127.0.0.0/8")]);

    private readonly string _directory = Directory.CreateTempSubdirectory("egress-proxy-tests-").FullName;
    private readonly EgressMetrics _metrics = new();
    private MeterCounts _allowed = null!;
    private MeterCounts _refused = null!;
    private readonly List<IAsyncDisposable> _owned = [];
    private AuditLog _audit = null!;

    private string AuditPath => Path.Combine(_directory, "audit.jsonl");

    public Task InitializeAsync()
    {
        _audit = AuditLog.Open(new AuditLogOptions { Path = AuditPath });
        _allowed = new MeterCounts(_metrics.Meter, "kind");
        _refused = new MeterCounts(_metrics.Meter, "reason");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        _audit.Dispose();
        _allowed.Dispose();
        _refused.Dispose();
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Connect_TunnelsBytesToTheResolvedAddress()
    {
        var upstream = Own(LoopbackUpstream.Echo());
        var resolver = new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] });
        var proxy = Start($"api.example.com:{upstream.Port}", resolver, LoopbackIsPublic);

        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        var response = await SendHeadAsync(stream, $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\nHost: api.example.com:{upstream.Port}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", response, StringComparison.Ordinal);
        Assert.Equal("ping", await EchoAsync(stream, "ping"));
        Assert.Equal(["api.example.com"], resolver.Queries);
        Assert.Equal(1, _allowed.Sum(EgressMetrics.AllowedInstrument, "connect"));
        Assert.Empty(AuditReader.Read(AuditPath, "egress_blocked"));
    }

    [Fact]
    public async Task Connect_ForwardsBytesSentRightAfterTheHead()
    {
        var upstream = Own(LoopbackUpstream.Echo());
        var proxy = Start($"api.example.com:{upstream.Port}", new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic);

        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        // A client may pipeline its TLS hello behind the CONNECT head.
        var response = await SendHeadAsync(stream, $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\nearly");

        Assert.StartsWith("HTTP/1.1 200 ", response, StringComparison.Ordinal);
        Assert.Equal("early", await ReadExactlyAsync(stream, 5));
    }

    [Theory]
    [InlineData("CONNECT blocked.example:443 HTTP/1.1\r\n\r\n", "blocked.example", 443, "connect")]
    [InlineData("CONNECT api.example.com:8443 HTTP/1.1\r\n\r\n", "api.example.com", 8443, "connect")]
    [InlineData("CONNECT x.api.example.com:443 HTTP/1.1\r\n\r\n", "x.api.example.com", 443, "connect")]
    [InlineData("GET http://blocked.example/path HTTP/1.1\r\nHost: blocked.example\r\n\r\n", "blocked.example", 80, "http")]
    [InlineData("GET http://api.example.com/ HTTP/1.1\r\n\r\n", "api.example.com", 80, "http")]
    public async Task Request_NotOnAllowlist_IsRefusedAndAudited(string head, string host, int port, string action)
    {
        var resolver = new FakeResolver(new() { ["blocked.example"] = ["8.8.8.8"], ["api.example.com"] = ["8.8.8.8"] });
        var proxy = Start("api.example.com", resolver);

        var response = await RoundTripAsync(proxy, head);

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", response, StringComparison.Ordinal);
        Assert.Contains("X-SecureStack-Egress: not_allowlisted\r\n", response, StringComparison.Ordinal);
        Assert.Empty(resolver.Queries);
        var record = Assert.Single(AuditReader.Read(AuditPath, "egress_blocked"));
        Assert.Equal(action, record.GetProperty("action").GetString());
        Assert.Equal("blocked", record.GetProperty("result").GetString());
        Assert.Equal("127.0.0.1", record.GetProperty("source_ip").GetString());
        Assert.Equal(host, AuditReader.Detail(record, "host"));
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditReader.Detail(record, "port"));
        Assert.Equal("not_allowlisted", AuditReader.Detail(record, "reason"));
        Assert.Equal("127.0.0.1", AuditReader.Detail(record, "client"));
        Assert.Equal(1, _refused.Sum(EgressMetrics.RefusedInstrument, RefusalReason.NotAllowlisted.WireName()));
    }

    [Theory]
    [InlineData("10.0.0.5", "Private")]
    [InlineData("192.168.1.1", "Private")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("169.254.169.254", "LinkLocal")]
    [InlineData("100.64.1.1", "SharedAddressSpace")]
    [InlineData("0.0.0.0", "Unspecified")]
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("::1", "Loopback")]
    [InlineData("::ffff:127.0.0.1", "EmbeddedIPv4")]
    [InlineData("::ffff:8.8.8.8", "EmbeddedIPv4")]
    [InlineData("64:ff9b::a00:5", "EmbeddedIPv4")]
    [InlineData("2002:a00:5::1", "EmbeddedIPv4")]
    [InlineData("fd00::1", "UniqueLocal")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("198.18.0.10", "Benchmarking")]
    public async Task Connect_AllowlistedNameWithNonPublicAnswer_IsRefused(string answer, string category)
    {
        var resolver = new FakeResolver(new() { ["api.example.com"] = [answer] });
        var proxy = Start("api.example.com", resolver);

        var response = await RoundTripAsync(proxy, "CONNECT api.example.com:443 HTTP/1.1\r\n\r\n", readBody: true);

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", response, StringComparison.Ordinal);
        Assert.Contains($"({category})", response, StringComparison.Ordinal);
        Assert.Single(resolver.Queries);
        var record = Assert.Single(AuditReader.Read(AuditPath, "egress_blocked"));
        Assert.Equal("forbidden_address", AuditReader.Detail(record, "reason"));
        Assert.Equal(answer, AuditReader.Detail(record, "address"));
        Assert.Equal("high", record.GetProperty("risk_level").GetString());
    }

    [Fact]
    public async Task Connect_OnePrivateAnswerAmongPublicOnes_RefusesWithoutConnecting()
    {
        var upstream = Own(LoopbackUpstream.Echo());
        var resolver = new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1", "10.1.2.3"] });
        var proxy = Start($"api.example.com:{upstream.Port}", resolver, LoopbackIsPublic);

        var response = await RoundTripAsync(proxy, $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\n", readBody: true);

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", response, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3 (Private)", response, StringComparison.Ordinal);
        Assert.Equal(0, upstream.Accepted);
    }

    [Theory]
    [InlineData("CONNECT 127.0.0.1:443 HTTP/1.1\r\n\r\n", "127.0.0.1")]
    [InlineData("CONNECT [::1]:443 HTTP/1.1\r\n\r\n", "::1")]
    [InlineData("CONNECT 2130706433:443 HTTP/1.1\r\n\r\n", "2130706433")]
    [InlineData("CONNECT 8.8.8.8:443 HTTP/1.1\r\n\r\n", "8.8.8.8")]
    [InlineData("GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\n\r\n", "169.254.169.254")]
    public async Task Request_ToIpAddress_IsRefused(string head, string host)
    {
        var resolver = new FakeResolver([]);
        var proxy = Start("api.example.com", resolver);

        var response = await RoundTripAsync(proxy, head);

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", response, StringComparison.Ordinal);
        Assert.Empty(resolver.Queries);
        var record = Assert.Single(AuditReader.Read(AuditPath, "egress_blocked"));
        Assert.Equal("address_literal", AuditReader.Detail(record, "reason"));
        Assert.Equal(host, AuditReader.Detail(record, "host"));
    }

    [Fact]
    public async Task Connect_NameThatDoesNotResolve_IsRefusedWithBadGateway()
    {
        var proxy = Start("api.example.com", new FakeResolver([]));

        var response = await RoundTripAsync(proxy, "CONNECT api.example.com:443 HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 502 Bad Gateway\r\n", response, StringComparison.Ordinal);
        Assert.Equal("resolve_failed", AuditReader.Detail(Assert.Single(AuditReader.Read(AuditPath, "egress_blocked")), "reason"));
    }

    [Fact]
    public async Task Connect_UpstreamNotListening_IsRefusedWithBadGateway()
    {
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var proxy = Start($"api.example.com:{closedPort}", new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic);

        var response = await RoundTripAsync(proxy, $"CONNECT api.example.com:{closedPort} HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 502 Bad Gateway\r\n", response, StringComparison.Ordinal);
        Assert.Equal("connect_failed", AuditReader.Detail(Assert.Single(AuditReader.Read(AuditPath, "egress_blocked")), "reason"));
        Assert.Equal(0, _allowed.Sum(EgressMetrics.AllowedInstrument, "connect"));
    }

    [Fact]
    public async Task AbsoluteHttp_IsSentInOriginFormWithoutProxyHeaders()
    {
        var upstream = Own(LoopbackUpstream.Http());
        var proxy = Start($"plain.example.com:{upstream.Port}", new FakeResolver(new() { ["plain.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic);

        var response = await RoundTripAsync(proxy,
            $"GET http://Plain.Example.com:{upstream.Port}/v1/models?x=1 HTTP/1.1\r\nHost: evil.example\r\nProxy-Authorization: Basic c2VjcmV0\r\nProxy-Connection: keep-alive\r\nAccept: text/plain\r\n\r\n",
            readBody: true);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("upstream", response, StringComparison.Ordinal);
        var head = Assert.Single(upstream.ReceivedHeads);
        Assert.Equal(
            $"GET /v1/models?x=1 HTTP/1.1\r\nHost: plain.example.com:{upstream.Port}\r\nAccept: text/plain\r\nConnection: close\r\n\r\n",
            head);
        Assert.Equal(1, _allowed.Sum(EgressMetrics.AllowedInstrument, "http"));
    }

    [Theory]
    [InlineData("GET https://api.example.com/ HTTP/1.1\r\n\r\n", "CONNECT")]
    [InlineData("GET ftp://api.example.com/ HTTP/1.1\r\n\r\n", "absolute http://")]
    [InlineData("CONNECT api.example.com HTTP/1.1\r\n\r\n", "host:port")]
    [InlineData("CONNECT api.example.com:443 HTTP/2\r\n\r\n", "version")]
    [InlineData("GET http://user:pw@api.example.com/ HTTP/1.1\r\n\r\n", "user info")]
    [InlineData("CONNECT api.example.com:443 HTTP/1.1\r\n folded: header\r\n\r\n", "malformed header")]
    [InlineData("CONNECT api.exa\nmple.com:443 HTTP/1.1\r\n\r\n", "bare CR or LF")]
    [InlineData("CONNECT api_example.com:443 HTTP/1.1\r\n\r\n", "not a valid host name")]
    public async Task MalformedRequest_IsRefusedAsBadRequest(string head, string message)
    {
        var proxy = Start("api.example.com", new FakeResolver(new() { ["api.example.com"] = ["8.8.8.8"] }));

        var response = await RoundTripAsync(proxy, head, readBody: true);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", response, StringComparison.Ordinal);
        Assert.Contains(message, response, StringComparison.Ordinal);
        Assert.Equal("bad_request", AuditReader.Detail(Assert.Single(AuditReader.Read(AuditPath, "egress_blocked")), "reason"));
    }

    [Fact]
    public async Task OversizedHead_IsRefused()
    {
        var proxy = Start("api.example.com", new FakeResolver([]));

        var response = await RoundTripAsync(proxy, "CONNECT api.example.com:443 HTTP/1.1\r\nX-Pad: " + new string('a', 20_000) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431 ", response, StringComparison.Ordinal);
        Assert.Equal("bad_request", AuditReader.Detail(Assert.Single(AuditReader.Read(AuditPath, "egress_blocked")), "reason"));
    }

    /// <summary>
    /// Metrics moved to their own listener (<c>--metrics-listen</c>, one rule for every service), so the proxy port, which
    /// OpenClaw reaches, no longer serves them: /metrics is 404 here and the counts are read from the meter.
    /// </summary>
    [Fact]
    public async Task LocalEndpoints_AnswerHealth_AndCountOnTheMeter()
    {
        var upstream = Own(LoopbackUpstream.Echo());
        var proxy = Start($"api.example.com:{upstream.Port}", new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic);
        using (var tunnel = await ConnectAsync(proxy))
        {
            await SendHeadAsync(tunnel.GetStream(), $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\n");
        }

        await RoundTripAsync(proxy, "CONNECT nope.example.com:443 HTTP/1.1\r\n\r\n");

        Assert.EndsWith("\r\n\r\nok\n", await RoundTripAsync(proxy, "GET /healthz HTTP/1.1\r\n\r\n", readBody: true), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 404 ", await RoundTripAsync(proxy, "GET /metrics HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.Equal(1, _allowed.Sum(EgressMetrics.AllowedInstrument, "connect"));
        Assert.Equal(1, _refused.Sum(EgressMetrics.RefusedInstrument, "not_allowlisted"));
        Assert.StartsWith("HTTP/1.1 404 ", await RoundTripAsync(proxy, "GET /other HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.Single(AuditReader.Read(AuditPath, "egress_blocked"));
    }

    [Fact]
    public async Task AllowedTunnel_IsPublishedOnTheMeter()
    {
        var upstream = Own(LoopbackUpstream.Echo());
        var proxy = Start($"api.example.com:{upstream.Port}", new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic);
        var measurements = new List<(long Value, string? Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && instrument.Name == EgressMetrics.AllowedInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().Single(t => t.Key == "kind").Value as string));
            }
        });
        listener.Start();

        using var client = await ConnectAsync(proxy);
        await SendHeadAsync(client.GetStream(), $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\n");

        lock (measurements)
        {
            Assert.Equal([(1L, "connect")], measurements);
        }
    }

    [Fact]
    public async Task Connections_BeyondTheLimit_AreRefusedWithServiceUnavailable()
    {
        var upstream = Own(LoopbackUpstream.Echo());
        var proxy = Start($"api.example.com:{upstream.Port}", new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic, maxTunnels: 1);
        using var first = await ConnectAsync(proxy);
        Assert.StartsWith("HTTP/1.1 200 ", await SendHeadAsync(first.GetStream(), $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);

        var second = await RoundTripAsync(proxy, $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", second, StringComparison.Ordinal);
        Assert.Equal("tunnel_limit", AuditReader.Detail(Assert.Single(AuditReader.Read(AuditPath, "egress_blocked")), "reason"));
        Assert.Equal("ping", await EchoAsync(first.GetStream(), "ping"));
    }

    [Fact]
    public async Task IdleTunnel_IsClosedAfterTheIdleTimeout_AndTrafficKeepsItOpen()
    {
        var time = new FakeTimeProvider();
        var upstream = Own(LoopbackUpstream.Echo());
        var proxy = Start($"api.example.com:{upstream.Port}", new FakeResolver(new() { ["api.example.com"] = ["127.0.0.1"] }), LoopbackIsPublic, time: time, idle: TimeSpan.FromMinutes(4));
        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        await SendHeadAsync(stream, $"CONNECT api.example.com:{upstream.Port} HTTP/1.1\r\n\r\n");
        Assert.Equal("one", await EchoAsync(stream, "one"));

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("two", await EchoAsync(stream, "two"));
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("three", await EchoAsync(stream, "three"));

        time.Advance(TimeSpan.FromMinutes(4));

        Assert.True(await IsClosedAsync(stream));
    }

    [Fact]
    public async Task ClientThatSendsNoHead_IsRefusedAfterTheHeaderTimeout()
    {
        var time = new TimerCountingTimeProvider();
        var proxy = Start("api.example.com", new FakeResolver([]), time: time);
        using var client = await ConnectAsync(proxy);
        await client.GetStream().WriteAsync("CONNECT api.exa"u8.ToArray());
        await WaitForAsync(() => time.TimersCreated > 0);

        time.Advance(TimeSpan.FromSeconds(10));

        var response = await LoopbackUpstream.ReadHeadAsync(client.GetStream(), CancellationToken.None).WaitAsync(Bound);
        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
        Assert.Equal("header_timeout", AuditReader.Detail(Assert.Single(AuditReader.Read(AuditPath, "egress_blocked")), "reason"));
    }

    [Fact]
    public async Task ReplaceAllowlist_AppliesToNewConnections()
    {
        var resolver = new FakeResolver(new() { ["api.example.com"] = ["10.0.0.1"], ["other.example.com"] = ["10.0.0.1"] });
        var proxy = Start("api.example.com", resolver);
        Assert.Contains("forbidden_address", await RoundTripAsync(proxy, "CONNECT api.example.com:443 HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);

        proxy.ReplaceAllowlist(AllowlistParser.Parse("other.example.com", "new.conf"));

        Assert.Contains("not_allowlisted", await RoundTripAsync(proxy, "CONNECT api.example.com:443 HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.Contains("forbidden_address", await RoundTripAsync(proxy, "CONNECT other.example.com:443 HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        Assert.Same(proxy.Allowlist, proxy.Allowlist);
        Assert.Equal("new.conf", proxy.Allowlist.Source);
    }

    [Fact]
    public async Task UnavailableAuditLog_StillRefuses()
    {
        var audit = new ThrowingAuditLog();
        var options = new EgressProxyOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) };
        var proxy = Own(new EgressProxyServer(options, AllowlistParser.Parse("api.example.com", "a.conf"), audit, _metrics, NullLogger.Instance, TimeProvider.System, new FakeResolver([])));
        proxy.Start();

        var response = await RoundTripAsync(proxy, "CONNECT blocked.example:443 HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", response, StringComparison.Ordinal);
        Assert.Equal(1, audit.Attempts);
    }

    [Theory]
    [InlineData(0, 60, "--max-tunnels")]
    [InlineData(10, 0, "--idle-timeout")]
    public void Options_AreValidatedNamingTheOption(int maxTunnels, int idleSeconds, string option)
    {
        var options = new EgressProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            MaxTunnels = maxTunnels,
            IdleTimeout = TimeSpan.FromSeconds(idleSeconds),
        };

        Assert.StartsWith(option, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    private EgressProxyServer Start(string allowlist, FakeResolver resolver, AddressPolicy? policy = null, int maxTunnels = 16, TimeProvider? time = null, TimeSpan? idle = null)
    {
        var options = new EgressProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            MaxTunnels = maxTunnels,
            IdleTimeout = idle ?? TimeSpan.FromMinutes(1),
            AddressPolicy = policy ?? AddressPolicy.Default,
        };
        var server = Own(new EgressProxyServer(options, AllowlistParser.Parse(allowlist, "test.conf"), _audit, _metrics, NullLogger.Instance, time ?? TimeProvider.System, resolver));
        server.Start();
        return server;
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static async Task<TcpClient> ConnectAsync(EgressProxyServer proxy)
    {
        var client = new TcpClient();
        await client.ConnectAsync(proxy.LocalEndPoint).WaitAsync(Bound);
        return client;
    }

    private static async Task<string> SendHeadAsync(NetworkStream stream, string head)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head)).AsTask().WaitAsync(Bound);
        return await LoopbackUpstream.ReadHeadAsync(stream, CancellationToken.None).WaitAsync(Bound);
    }

    /// <summary>Sends one head on a new connection and returns the response head (and body until close when asked).</summary>
    private static async Task<string> RoundTripAsync(EgressProxyServer proxy, string head, bool readBody = false)
    {
        using var client = await ConnectAsync(proxy);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head)).AsTask().WaitAsync(Bound);
        }
        catch (IOException)
        {
            // The proxy may answer and close before an oversized head is fully written.
        }

        if (!readBody)
        {
            return await LoopbackUpstream.ReadHeadAsync(stream, CancellationToken.None).WaitAsync(Bound);
        }

        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync().WaitAsync(Bound);
    }

    private static async Task<string> EchoAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask().WaitAsync(Bound);
        return await ReadExactlyAsync(stream, text.Length);
    }

    private static async Task<string> ReadExactlyAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Bound);
        return Encoding.ASCII.GetString(buffer);
    }

    private static async Task<bool> IsClosedAsync(NetworkStream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Bound) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Waits for the server to reach a state (not for time to pass): bounded, never a fixed sleep.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
