using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Metrics;
using SecureStack.Proxy.Sanitizing;
using SecureStack.Proxy.WebSockets;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The proxy's WebSocket relay session (policy, connect token, prompt sanitizer) over real loopback sockets:
/// every client frame is forwarded, refused with a <c>res</c> frame, or closes the connection with a policy
/// status; the session never faults, and an injected <c>chat.send</c> never reaches the gateway side.
/// </summary>
public sealed class RelayFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Rejected = ShippedRules.Examples(Sanitizer.Rules.PromptRuleAction.Reject);

    [Fact]
    public void Relay_ArbitraryClientFrames_AreForwardedRefusedOrClosedNeverAFault()
    {
        using var audit = new FuzzAuditLog();
        var relay = new Relay(audit);

        Fuzz.Check(FrameGen.Bytes, frame =>
        {
            var outcome = relay.Send(frame);

            Assert.True(outcome.Kind is Kind.Forwarded or Kind.Refused or Kind.Closed, $"outcome {outcome.Kind}: {outcome.Detail}");
        }, output, FrameGen.Show);
    }

    [Fact]
    public void Relay_InjectionInChatSendWhateverTheJsonSpelling_NeverReachesTheGateway()
    {
        using var audit = new FuzzAuditLog();
        var relay = new Relay(audit);
        var gen = Gen.Select(Gen.OneOfConst(Rejected), Gen.ULong, Gen.Int[0, 23], Gen.OneOfConst(" ", "", "\n", "\t "));

        Fuzz.Check(gen, t =>
        {
            var outcome = relay.Send(FrameGen.ChatSend(t.Item1, t.Item2, t.Item3, t.Item4));

            Assert.Equal(Kind.Refused, outcome.Kind);
            Assert.Contains("\"FORBIDDEN\"", outcome.Detail, StringComparison.Ordinal);
        }, output, t => FrameGen.ChatSend(t.Item1, t.Item2, t.Item3, t.Item4));
    }

    private enum Kind
    {
        Forwarded,
        Refused,
        Closed,
        Faulted,
    }

    private sealed record Outcome(Kind Kind, string Detail);

    /// <summary>A fresh relay session per frame between a client socket and a gateway socket, both on loopback.</summary>
    private sealed class Relay(FuzzAuditLog audit)
    {
        private readonly ProxyOptions _options = new()
        {
            Tokens = [new ApiToken("fuzz", new byte[32])],
            Upstream = new Uri("http://127.0.0.1:1"),
            IdentityMode = IdentityMode.Token,
            GatewayToken = "gateway-token-for-fuzzing",
        };

        private readonly PromptSanitizing _sanitizing = PromptSanitizing.Load(FuzzPaths.PromptRules, null, audit.Log);

        public Outcome Send(string frame) => Send(Encoding.UTF8.GetBytes(frame));

        public Outcome Send(byte[] frame) => SendAsync(frame).GetAwaiter().GetResult();

        private async Task<Outcome> SendAsync(byte[] frame)
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
                new ProxyAudit(audit.Log, _options), new ProxyMetrics(), NullLogger.Instance);
            var run = session.RunAsync(timeout.Token);

            await client.SendAsync(frame, WebSocketMessageType.Text, true, timeout.Token);
            var atGateway = ReceiveAsync(gateway, timeout.Token);
            var atClient = ReceiveAsync(client, timeout.Token);
            var first = await Task.WhenAny(atGateway, atClient, run);
            Outcome outcome;
            if (first == run)
            {
                outcome = run.IsFaulted ? new Outcome(Kind.Faulted, run.Exception!.InnerException!.ToString()) : await WhenSessionEnded(atClient);
            }
            else if (first == atGateway)
            {
                outcome = await atGateway is { } forwarded ? new Outcome(Kind.Forwarded, forwarded) : await WhenSessionEnded(atClient);
            }
            else
            {
                var reply = await atClient;
                outcome = new Outcome(reply is null ? Kind.Closed : Kind.Refused, reply ?? client.CloseStatus.ToString()!);
            }

            await timeout.CancelAsync();
            try
            {
                await run;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not WebSocketException and not IOException)
            {
                return new Outcome(Kind.Faulted, ex.ToString());
            }
            catch (Exception)
            {
                // Cancelled or torn down by the test's own cleanup.
            }

            return outcome;
        }

        private static async Task<Outcome> WhenSessionEnded(Task<string?> atClient)
        {
            var reply = await atClient;
            return new Outcome(reply is null ? Kind.Closed : Kind.Refused, reply ?? "closed");
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
}
