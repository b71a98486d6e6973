using System.Text;
using System.Text.Json;
using CsCheck;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;
using SecureStack.Proxy.Prompts;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The sanitizer's WebSocket frame inspector under arbitrary and near-valid frames: a verdict for every frame,
/// and a prompt injection in <c>chat.send</c> refused however the JSON spells it (escapes, whitespace, key order).
/// </summary>
public sealed class FrameFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Rejected = ShippedRules.Examples(PromptRuleAction.Reject);

    [Fact]
    public void Inspect_ArbitraryAndNearValidFrames_GetAVerdictNeverAnException()
    {
        using var audit = new FuzzAuditLog();
        var inspector = new FrameInspector(new PromptSanitizer(ShippedRules.Rules, audit.Log));

        Fuzz.Check(FrameGen.Bytes, frame =>
        {
            var outcome = inspector.Inspect(frame, new InspectionContext("fuzz"));

            switch (outcome.Verdict)
            {
                case FrameVerdict.Forward:
                    Assert.Equal(frame, outcome.Frame.ToArray());
                    break;
                case FrameVerdict.ForwardRewritten:
                    using (var rewritten = JsonDocument.Parse(outcome.Frame))
                    {
                        Assert.Equal("req", rewritten.RootElement.GetProperty("type").GetString());
                    }

                    break;
                default:
                    using (var reply = JsonDocument.Parse(outcome.Frame))
                    {
                        Assert.Equal("res", reply.RootElement.GetProperty("type").GetString());
                        Assert.False(reply.RootElement.GetProperty("ok").GetBoolean());
                    }

                    break;
            }
        }, output, FrameGen.Show);
    }

    [Fact]
    public void Inspect_InjectionInChatSendWhateverTheJsonSpelling_IsRefused()
    {
        using var audit = new FuzzAuditLog();
        var inspector = new FrameInspector(new PromptSanitizer(ShippedRules.Rules, audit.Log));
        var gen = Gen.Select(Gen.OneOfConst(Rejected), Gen.ULong, Gen.Int[0, 23], Gen.OneOfConst(" ", "", "\n", "\t ", "\r\n  "));

        Fuzz.Check(gen, t =>
        {
            var (injection, escapes, order, space) = t;
            var frame = FrameGen.ChatSend(injection, escapes, order, space);

            var outcome = inspector.Inspect(Encoding.UTF8.GetBytes(frame), new InspectionContext("fuzz"));

            Assert.Equal(FrameVerdict.Refuse, outcome.Verdict);
            using var reply = JsonDocument.Parse(outcome.Frame);
            Assert.Equal("FORBIDDEN", reply.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("fuzz-7", reply.RootElement.GetProperty("id").GetString());
        }, output, t => FrameGen.ChatSend(t.Item1, t.Item2, t.Item3, t.Item4));
    }
}
