using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The proxy's WebSocket relay session (policy, connect token, prompt sanitizer) over real loopback sockets:
/// every client frame is forwarded, refused with a <c>res</c> frame, or closes the connection with a policy
/// status; the session never faults, and an injected <c>chat.send</c> never reaches the gateway side.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class RelayFuzzTests(RelayFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Rejected = ShippedRules.Examples(Sanitizer.Rules.PromptRuleAction.Reject);

    [Fact]
    public void Relay_ArbitraryClientFrames_AreForwardedRefusedOrClosedNeverAFault()
    {
        var relay = fixture.Harness;

        Fuzz.Check(FrameGen.Bytes, frame =>
        {
            var outcome = relay.Send(frame);

            Assert.True(outcome.Kind is RelayOutcomeKind.Forwarded or RelayOutcomeKind.Refused or RelayOutcomeKind.Closed, $"outcome {outcome.Kind}: {outcome.Detail}");
        }, output, FrameGen.Show);
    }

    [Fact]
    public void Relay_InjectionInChatSendWhateverTheJsonSpelling_NeverReachesTheGateway()
    {
        var relay = fixture.Harness;
        var gen = Gen.Select(Gen.OneOfConst(Rejected), Gen.ULong, Gen.Int[0, 23], Gen.OneOfConst(" ", "", "\n", "\t "));

        Fuzz.Check(gen, t =>
        {
            var outcome = relay.Send(FrameGen.ChatSend(t.Item1, t.Item2, t.Item3, t.Item4));

            Assert.Equal(RelayOutcomeKind.Refused, outcome.Kind);
            Assert.Contains("\"FORBIDDEN\"", outcome.Detail, StringComparison.Ordinal);
        }, output, t => FrameGen.ChatSend(t.Item1, t.Item2, t.Item3, t.Item4));
    }

    [Fact]
    public void Relay_UnsignedConnectFrameInAnySpelling_ReachesTheGatewayWithTheGatewayTokenAndNoPassword()
    {
        var relay = fixture.Harness;
        // Without surrogates: a lone one closes the connection (RelayRegressionTests), which is not this property.
        var text = FuzzGen.HostileString.Select(s => new string([.. s.Where(c => !char.IsSurrogate(c))]));
        var gen = Gen.Select(text, text, Gen.ULong, Gen.OneOfConst(" ", "", "\n"));

        Fuzz.Check(gen, t =>
        {
            var outcome = relay.Send(FrameGen.Connect(t.Item1, t.Item2, t.Item3, t.Item4));

            Assert.Equal(RelayOutcomeKind.Forwarded, outcome.Kind);
            using var forwarded = JsonDocument.Parse(outcome.Detail);
            var auth = forwarded.RootElement.GetProperty("params").GetProperty("auth");
            Assert.Equal(RelayHarness.GatewayToken, auth.GetProperty("token").GetString());
            Assert.False(auth.TryGetProperty("password", out _), "the client's password reached the gateway");
        }, output, t => FrameGen.Connect(t.Item1, t.Item2, t.Item3, t.Item4));
    }
}
