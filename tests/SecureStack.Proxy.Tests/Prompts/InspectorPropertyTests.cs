using CsCheck;
using SecureStack.Proxy.Inspection;
using SecureStack.Proxy.Prompts;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Tests.Support;

namespace SecureStack.Proxy.Tests.Prompts;

/// <summary>Generated bodies and frames: the request and frame inspectors never throw, and what they allow is the input, byte for byte.</summary>
public sealed class InspectorPropertyTests
{
    /// <summary>Pieces of injections, evasions and awkward text, combined at random.</summary>
    private static readonly string[] Fragments =
    [
        "ignore", " all ", "previous", " instructions", "system", ":", "\n", "<|im_start|>", "[INST]", "dan", " mode ",
        "reveal", " your ", "prompt", "\u200B", "\u202E", "\U000E0069", "%69", "aGVsbG8gd29ybGQ=", "1gn0r3", "і", "忽略",
        "😀", "\uD800", "\"", "\\", "{", "}", "<!--", "-->", "![x](http://a?d={c})",
    ];

    private static readonly Gen<string> Mixed = Gen.OneOfConst(Fragments).Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void Inspectors_NeverThrowOnArbitraryBodies()
    {
        using var audit = new TempAuditLog();
        var sanitizer = new PromptSanitizer(TestRules.Rules, audit.Log);
        var requests = new RequestInspector(sanitizer);
        var frames = new FrameInspector(sanitizer);
        var context = new InspectionContext("property");
        var bodies = Gen.OneOf(
            Gen.Byte.Array[0, 200],
            Mixed.Select(t => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { messages = new[] { new { role = "user", content = t } } })),
            Mixed.Select(t => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { type = "req", id = 1, method = "chat.send", @params = new { message = t } })));
        bodies.Sample(body =>
        {
            foreach (var route in Enum.GetValues<PromptRoute>())
            {
                var outcome = requests.Inspect(route, body, context);
                Assert.True(outcome.Verdict != InspectionAction.Allow || outcome.Body.Span.SequenceEqual(body));
            }

            var frame = frames.Inspect(body, context);
            Assert.True(frame.Verdict != FrameVerdict.Forward || frame.Frame.Span.SequenceEqual(body));
        }, iter: 150);
    }
}
