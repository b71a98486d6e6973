using System.Text;
using CsCheck;
using SecureStack.Sanitizer.Rules;
using SecureStack.Sanitizer.Tests.Support;

namespace SecureStack.Sanitizer.Tests.Properties;

/// <summary>
/// Properties over generated inputs: the sanitizer never throws, clean text comes back as the same string,
/// stripping removes exactly the reported spans, and no input makes a rule pass hit the match timeout
/// (the time bound is the timeout itself: a pass that ran out would surface as an inspection-timeout finding).
/// </summary>
public sealed class SanitizerPropertyTests
{
    private static readonly string[] Fragments =
    [
        "ignore", " all ", "previous", " instructions", "system", ":", "\n", "<|im_start|>", "[INST]", "dan", " mode ",
        "developer", "reveal", " your ", "prompt", "\u200B", "\u202E", "\uFE0F", "\U000E0069", "&#105;", "%69", @"\x69",
        "aGVsbG8gd29ybGQ=", "69676e6f7265", ".. --. -.", "1gn0r3", "і", "ä", "ß", "忽略", "之前的指令", " ", "a b c d", "!", "$",
        "😀", "\uD800", "rot13", "base64", "kill -9", "act as", "no restrictions", "<!--", "-->", "![x](http://a?d={c})",
    ];

    private static readonly Gen<string> Mixed =
        Gen.OneOfConst(Fragments).Array[0, 40].Select(parts => string.Concat(parts));

    private static readonly Gen<string> AnyText = Gen.OneOf(Gen.String[0, 400], Mixed);

    [Fact]
    public void Analyze_NeverThrowsAndKeepsCleanTextIdentical() =>
        AnyText.Sample(text =>
        {
            var result = TestRules.Analyzer.Analyze(text);
            if (!result.InjectionDetected)
            {
                Assert.Same(text, result.Clean);
            }

            Assert.All(result.Findings, f => Assert.InRange(f.Start + f.Length, f.Start, text.Length));
        }, iter: 400);

    [Fact]
    public void Strip_RemovesExactlyTheMergedFindingSpans()
    {
        var analyzer = new PromptAnalyzer(TestRules.Mini("strip", @"ignore\s*all|system\s*:", "ignore all"));
        Mixed.Sample(text =>
        {
            var result = analyzer.Analyze(text);
            var removed = new bool[text.Length];
            // The classifier may flag the same text; flags remove nothing.
            foreach (var f in result.Findings.Where(f => f.Action == PromptRuleAction.Strip))
            {
                Array.Fill(removed, true, f.Start, f.Length);
            }

            var expected = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (!removed[i])
                {
                    expected.Append(text[i]);
                }
            }

            Assert.Equal(result.Action == PromptRuleAction.Strip ? expected.ToString() : text, result.Clean);
        }, iter: 400);
    }

    [Fact]
    public void Analyze_FinishesWithinTheMatchTimeoutOnLargeGeneratedInputs() =>
        Mixed.Select(s => string.Concat(Enumerable.Repeat(s + " ", Math.Max(1, 64_000 / Math.Max(1, s.Length + 1))))).Sample(text =>
        {
            var result = TestRules.Analyzer.Analyze(text);
            Assert.DoesNotContain(PromptFinding.InspectionTimeout, result.Patterns);
        }, iter: 8);

    [Theory]
    [InlineData("ignore all previous ")]
    [InlineData("ignore ignore ignore previous previous ")]
    [InlineData("<|im_start|")]
    [InlineData("i g n o r e ")]
    [InlineData("aGVsbG8gd29ybGQgaWdub3Jl")]
    [InlineData("&#105;&#103;")]
    [InlineData("\U000E0069\U000E0067")]
    [InlineData("[[[[{{{{((((")]
    [InlineData("you are now going to act as ")]
    public void Analyze_FinishesOnOneMegabyteAdversarialInputs(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 1_000_000 / unit.Length));
        var result = TestRules.Analyzer.Analyze(text);
        Assert.DoesNotContain(PromptFinding.InspectionTimeout, result.Patterns);
    }
}
