using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Metrics;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;
using SecureStack.Proxy.WebSockets;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The proxy's <see cref="RelaySession"/> (policy, connect token, prompt sanitizer) between a client socket and
/// a gateway socket on loopback, a fresh session per frame: what became of one client frame.
/// </summary>
internal sealed class RelayHarness(FuzzAuditLog audit)
{
    public const string GatewayToken = "gateway-token-for-fuzzing";

    private readonly ProxyOptions _options = new()
    {
        Tokens = [new ApiToken("fuzz", new byte[32])],
        Upstream = new Uri("http://127.0.0.1:1"),
        IdentityMode = IdentityMode.Token,
        GatewayToken = GatewayToken,
    };

    private readonly PromptSanitizing _sanitizing = PromptSanitizing.Load(new PromptSettings { RulesPath = FuzzPaths.PromptRules }, audit.Log);

    /// <summary>The framework's meter factory, as the proxy's container has it; nothing listens here.</summary>
    private static readonly ProxyMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public RelayOutcome Send(string frame) => Send(Encoding.UTF8.GetBytes(frame));

    public RelayOutcome Send(byte[] frame) => SendAsync(frame).GetAwaiter().GetResult();

    private async Task<RelayOutcome> SendAsync(byte[] frame)
    {
        using var timeout = new CancellationTokenSource(FuzzBudget.PerInput);
        var (clientSide, proxyClientSide) = await PairAsync();
        var (proxyServerSide, gatewaySide) = await PairAsync();
        using var client = WebSocket.CreateFromStream(clientSide, isServer: false, null, Timeout.InfiniteTimeSpan);
        using var proxyClient = WebSocket.CreateFromStream(proxyClientSide, isServer: true, null, Timeout.InfiniteTimeSpan);
        using var proxyServer = WebSocket.CreateFromStream(proxyServerSide, isServer: false, null, Timeout.InfiniteTimeSpan);
        using var gateway = WebSocket.CreateFromStream(gatewaySide, isServer: true, null, Timeout.InfiniteTimeSpan);
        var session = new RelaySession(proxyClient, proxyServer, 1024 * 1024, new ClientFramePolicy(_options),
            [new SanitizingFrameInspector(_sanitizing)], new ClientIdentity("fuzz", false), IPAddress.Loopback,
            new ProxyAudit(audit.Log, _options), Metrics, new MissingKeyNotice(TimeProvider.System), NullLogger.Instance);
        var run = session.RunAsync(timeout.Token);

        await client.SendAsync(frame, WebSocketMessageType.Text, true, timeout.Token);
        var atGateway = ReceiveAsync(gateway, timeout.Token);
        var atClient = ReceiveAsync(client, timeout.Token);
        var first = await Task.WhenAny(atGateway, atClient, run);
        RelayOutcome outcome;
        if (first == run)
        {
            outcome = run.IsFaulted ? new RelayOutcome(RelayOutcomeKind.Faulted, run.Exception!.InnerException!.ToString()) : await WhenClientHearsAsync(client, atClient);
        }
        else if (first == atGateway)
        {
            outcome = await atGateway is { } forwarded ? new RelayOutcome(RelayOutcomeKind.Forwarded, forwarded) : await WhenClientHearsAsync(client, atClient);
        }
        else
        {
            outcome = await WhenClientHearsAsync(client, atClient);
        }

        await timeout.CancelAsync();
        try
        {
            await run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not WebSocketException and not IOException)
        {
            return new RelayOutcome(RelayOutcomeKind.Faulted, ex.ToString());
        }
        catch (Exception)
        {
            // Cancelled or torn down by the test's own cleanup.
        }

        return outcome;
    }

    /// <summary>
    /// The reply the client got, or the close status it got. Awaited even when the session ended first: the session
    /// can finish before the client has read the close frame the session sent.
    /// </summary>
    private static async Task<RelayOutcome> WhenClientHearsAsync(WebSocket client, Task<string?> atClient)
    {
        var reply = await atClient;
        return reply is null
            ? new RelayOutcome(RelayOutcomeKind.Closed, client.CloseStatus?.ToString() ?? "closed without a status")
            : new RelayOutcome(RelayOutcomeKind.Refused, reply);
    }

    /// <summary>The next text message, or null when the peer closed.</summary>
    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[2 * 1024 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    private static async Task<(Stream, Stream)> PairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var connecting = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync();
        await connecting.ConnectAsync(listener.LocalEndPoint!);
        return (new NetworkStream(connecting, ownsSocket: true), new NetworkStream(await accepting, ownsSocket: true));
    }
}
