using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SecureStack.Audit;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests;

/// <summary>The real proxy on Kestrel (127.0.0.1, port 0) with a real audit log on a temp file, and its own tokens.</summary>
internal sealed class TestProxy : IAsyncDisposable
{
    public const string GatewayToken = "gateway-secret-token-0123456789";

    private readonly AuditLog _audit;
    private readonly string _directory;

    private TestProxy(ProxyHost host, AuditLog audit, string directory, ProxyOptions options, string token)
    {
        Token = token;
        Host = host;
        _audit = audit;
        _directory = directory;
        Options = options;
    }

    /// <summary>A fresh token per proxy, named "alice": tests generate their own secrets.</summary>
    public string Token { get; }

    public ProxyHost Host { get; }

    public ProxyOptions Options { get; }

    public Uri Url => Host.Addresses[0];

    public int Port => Url.Port;

    public string AuditPath => Path.Combine(_directory, "audit.log");

    public static async Task<TestProxy> StartAsync(
        Uri upstream,
        Func<ProxyOptions, ProxyOptions>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var directory = Directory.CreateTempSubdirectory("proxy-test-").FullName;
        var audit = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(directory, "audit.log") });
        var token = "tok-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var options = new ProxyOptions
        {
            Tokens = [new ApiToken("alice", System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))],
            Upstream = upstream,
            Listen = [new Uri("http://127.0.0.1:0")],
            IdentityMode = IdentityMode.Token,
            GatewayToken = GatewayToken,
            RateLimitPerSecond = 0,
            LockoutThreshold = 1000,
        };
        options = configure?.Invoke(options) ?? options;
        var host = ProxyHost.Create(options, audit, time, services, logging => logging.ClearProviders());
        var proxy = new TestProxy(host, audit, directory, options, token);
        await host.StartAsync();
        return proxy;
    }

    public HttpClient Client(bool authenticated = true)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false, ActivityHeadersPropagator = null })
        {
            BaseAddress = Url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        return client;
    }

    /// <summary>Every audit record so far, parsed.</summary>
    public IReadOnlyList<JsonObject> AuditEvents()
    {
        using var stream = new FileStream(AuditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var events = new List<JsonObject>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                events.Add((JsonObject)JsonNode.Parse(line)!);
            }
        }

        return events;
    }

    public IReadOnlyList<JsonObject> AuditEvents(string type) =>
        [.. AuditEvents().Where(e => (string?)e["event_type"] == type)];

    /// <summary>Events written when a connection ends appear after the client saw the end: wait for them (bounded).</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAuditAsync(string type, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (AuditEvents(type) is var events && events.Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }

        return AuditEvents(type);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        _audit.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
