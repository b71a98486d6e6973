using System.Text;
using System.Text.Json;
using CsCheck;
using SecureStack.Audit;
using SecureStack.Sanitizer;
using SecureStack.Proxy.Prompts;
using SecureStack.Proxy.Inspection;
using SecureStack.Sanitizer.Rules;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The prompt-injection sanitizer under hostile text: it never throws, its findings point into the text,
/// detection survives padding and invisible or look-alike characters, and stripping leaves nothing that fires.
/// </summary>
public sealed class SanitizerFuzzTests(ITestOutputHelper output)
{
    private static readonly PromptAnalyzer Analyzer = ShippedRules.Analyzer;
    private static readonly string[] Rejected = ShippedRules.Examples(PromptRuleAction.Reject);
    private static readonly string[] Stripped = ShippedRules.Examples(PromptRuleAction.Strip);

    // Encoded examples (base64, leetspeak, ...) legitimately stop decoding when their letters are swapped.
    private static readonly string[] PlainRejected =
        [.. Rejected.Where(e => Analyzer.Analyze(e).Findings.All(f => f.Source is "text" or "compact") && e.All(c => c < 0x80))];

    [Fact]
    public void Analyze_ArbitraryText_FindingsLieInsideTheTextAndCleanIsNeverLonger()
    {
        var gen = Gen.Frequency(
            (4, FuzzGen.HostileString),
            (1, Gen.Select(FuzzGen.HostileString, FuzzGen.TagRun, Gen.Double[0, 1], (s, tags, at) => FuzzGen.InsertAt(s, at, tags))),
            (1, Gen.Select(FuzzGen.HostileString, Gen.OneOfConst(Rejected.Concat(Stripped).ToArray()), (s, e) => s + e + s)));

        Fuzz.Check(gen, text =>
        {
            var result = Analyzer.Analyze(text);

            Assert.Equal(result.InjectionDetected, result.Findings.Count > 0);
            Assert.All(result.Findings, f => Assert.True(f.Start >= 0 && f.Length > 0 && f.Start + f.Length <= text.Length,
                $"finding {f.RuleId} [{f.Start},+{f.Length}) lies outside a text of {text.Length} characters"));
            if (result.Action == PromptRuleAction.Strip)
            {
                Assert.True(result.Clean.Length < text.Length, "a strip removed nothing");
            }
            else
            {
                Assert.Same(text, result.Clean);
            }
        }, output, FuzzGen.Quote);
    }

    [Fact]
    public void Analyze_RejectedInjectionPaddedWithBenignLines_IsStillRejectedByTheSameRules()
    {
        // Line breaks around the injection: some rules are anchored to the start of a line (a fake "System:" turn).
        var gen = Gen.Select(Gen.OneOfConst(Rejected), FuzzGen.Benign, FuzzGen.Benign, Gen.Int[1, 3]);

        Fuzz.Check(gen, t =>
        {
            var (injection, before, after, newlines) = t;
            var alone = Analyzer.Analyze(injection);
            var separator = new string('\n', newlines);
            var padded = Analyzer.Analyze(before + separator + injection + separator + after);

            Assert.True(padded.Rejected, "padding with benign words let a rejected injection through");
            // The rules, not the classifier: benign words in the same window lower a linear model's score by design.
            Assert.Subset(Rules(padded.Patterns), Rules(alone.Patterns));
        }, output, t => $"{FuzzGen.Quote(t.Item2)} + {FuzzGen.Quote(t.Item1)} + {FuzzGen.Quote(t.Item3)} ({t.Item4} newlines)");
    }

    [Fact]
    public void Analyze_RejectedInjectionWithInvisibleOrLookAlikeCharacters_IsStillRejected()
    {
        var gen = Gen.Select(Gen.OneOfConst(PlainRejected), Gen.Int[0, 5].Array[1, 8], Gen.Int[0, FuzzGen.Invisible.Length - 1].Array[1, 8], Gen.ULong);

        Fuzz.Check(gen, t =>
        {
            var (injection, positions, invisibles, swaps) = t;
            var disguised = Disguise(injection, positions, invisibles, swaps);

            Assert.True(Analyzer.Analyze(disguised).Rejected, $"the disguised form {FuzzGen.Quote(disguised)} passed");
        }, output, t => $"{FuzzGen.Quote(t.Item1)} disguised as {FuzzGen.Quote(Disguise(t.Item1, t.Item2, t.Item3, t.Item4))}");
    }

    [Fact]
    public void Analyze_StrippedText_NoLongerTriggersAnyStripOrRejectRule()
    {
        // Strip spans placed inside other injections: removing them must not assemble a new one.
        var gen = Gen.Select(
            Gen.OneOfConst(Rejected.Concat(Stripped).ToArray()),
            Gen.OneOfConst(Stripped),
            Gen.Double[0, 1],
            Gen.Int[1, 3]);

        Fuzz.Check(gen, t =>
        {
            var (outer, strip, at, nesting) = t;
            var text = Nest(outer, strip, at, nesting);
            var result = Analyzer.Analyze(text);
            if (result.Action != PromptRuleAction.Strip)
            {
                return;
            }

            var again = Analyzer.Analyze(result.Clean);
            Assert.True(again.Action < PromptRuleAction.Strip,
                $"after stripping, {FuzzGen.Quote(result.Clean)} still triggers {string.Join(", ", again.Patterns)} ({again.Action})");
        }, output, t => FuzzGen.Quote(Nest(t.Item1, t.Item2, t.Item3, t.Item4)));
    }

    [Fact]
    public void Inspect_NestedJsonBodies_AreAnsweredWithAVerdictNeverAnException()
    {
        using var audit = new FuzzAuditLog();
        var inspector = new RequestInspector(new PromptSanitizer(ShippedRules.Rules, audit.Log));
        var routes = Enum.GetValues<PromptRoute>();
        var gen = Gen.Select(Gen.OneOfConst(routes), FuzzJson.Body);

        Fuzz.Check(gen, t =>
        {
            var (route, body) = t;
            var outcome = inspector.Inspect(route, Encoding.UTF8.GetBytes(body), new InspectionContext("fuzz"));

            switch (outcome.Verdict)
            {
                case InspectionAction.Allow:
                    Assert.Equal(Encoding.UTF8.GetBytes(body), outcome.Body.ToArray());
                    break;
                case InspectionAction.Rewritten:
                    using (var rewritten = JsonDocument.Parse(outcome.Body))
                    {
                        Assert.Equal(JsonValueKind.Object, rewritten.RootElement.ValueKind);
                    }

                    break;
                default:
                    Assert.False(string.IsNullOrEmpty(outcome.Reason), $"a {outcome.Verdict} without a reason");
                    break;
            }
        }, output, t => $"{t.Item1}: {t.Item2}");
    }

    [Fact]
    public void Inspect_InjectionInAnyBodyField_IsRejectedWhateverTheJsonSpelling()
    {
        using var audit = new FuzzAuditLog();
        var inspector = new RequestInspector(new PromptSanitizer(ShippedRules.Rules, audit.Log));
        var gen = Gen.Select(Gen.OneOfConst(Rejected), Gen.ULong, Gen.Int[0, 3]);

        Fuzz.Check(gen, t =>
        {
            var (injection, escapes, depth) = t;
            var body = HookBody(injection, escapes, depth);

            var outcome = inspector.Inspect(PromptRoute.HookAgent, Encoding.UTF8.GetBytes(body), new InspectionContext("fuzz"));

            Assert.Equal(InspectionAction.Rejected, outcome.Verdict);
        }, output, t => HookBody(t.Item1, t.Item2, t.Item3));
    }

    private static string HookBody(string injection, ulong escapes, int depth)
    {
        var value = FuzzGen.JsonLiteral(injection, escapes);
        for (var i = 0; i < depth; i++)
        {
            value = i % 2 == 0 ? $"[ {value} ]" : $"{{\"part\" :{value}}}";
        }

        return $"{{ \"name\":\"fuzz\",\n\t\"message\" : {value} }}";
    }

    private static string Disguise(string text, int[] positions, int[] invisibles, ulong swaps)
    {
        var builder = new StringBuilder();
        var bits = swaps;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lookAlike = FuzzGen.Confusables.Where(p => p.Latin == char.ToLowerInvariant(c)).Select(p => p.LookAlike).FirstOrDefault();
            builder.Append(lookAlike != default && (bits & 1) == 1 ? lookAlike : c);
            bits = (bits >> 1) | (bits << 63);
            // Invisible characters go between letters, where they split words for a naive matcher.
            if (char.IsLetter(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]) && positions.Contains(i % 6))
            {
                builder.Append(FuzzGen.Invisible[invisibles[i % invisibles.Length]]);
            }
        }

        return builder.ToString();
    }

    private static string Nest(string outer, string strip, double at, int nesting)
    {
        var text = outer;
        for (var i = 0; i < nesting; i++)
        {
            text = FuzzGen.InsertAt(text, at, strip);
        }

        return text;
    }

    private static HashSet<string> Rules(IEnumerable<string> patterns) => [.. patterns.Where(p => p != PromptFinding.ModelScore)];
}
