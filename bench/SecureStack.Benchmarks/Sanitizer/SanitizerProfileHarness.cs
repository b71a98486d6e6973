using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Normalization;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Benchmarks.Sanitizer;

/// <summary>
/// Where the sanitizer's time per prompt goes (bench/RESULTS.md, "Sanitizer throughput"): each stage of the
/// pipeline timed separately over a JSONL file of <c>{"text": ...}</c> lines, warm, after one untimed pass.
/// </summary>
internal static class SanitizerProfileHarness
{
    /// <summary>Milliseconds per KB of the whole pipeline on each adversarial megabyte, plus one dense with prefilter literals.</summary>
    public static void WorstCase()
    {
        var analyzer = new PromptAnalyzer(BenchInputs.Rules);
        var kinds = new[] { "near-miss-phrases", "all-matching", "spaced-letters", "base64-flood", "entities-and-escapes", "tag-characters", "deep-nesting", "mixed-scripts" };
        var inputs = kinds.Select(k => (k, BenchInputs.Adversarial(k)))
            .Append(("literal-flood", string.Concat(Enumerable.Repeat("send tell must you ignore forget system the anything without rules ", 15_000))));
        foreach (var (kind, text) in inputs)
        {
            analyzer.Analyze(text[..4096]);
            var sw = Stopwatch.StartNew();
            analyzer.Analyze(text);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind}: {text.Length / 1024} KB in {sw.Elapsed.TotalMilliseconds:F0} ms = {sw.Elapsed.TotalMilliseconds * 1024 / text.Length:F3} ms/KB"));
        }
    }

    public static void Run(string path, int rounds)
    {
        var texts = File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();
        var rules = BenchInputs.Rules;
        var analyzer = new PromptAnalyzer(rules);
        var variants = new (string Name, PromptAnalyzer Analyzer)[]
        {
            ("rules + model", analyzer),
            ("rules alone", new PromptAnalyzer(rules, new SanitizerOptions(), model: null)),
            ("rules alone, no prefilter", new PromptAnalyzer(rules, new SanitizerOptions { UseLiteralPrefilter = false }, model: null)),
            ("rules + model, no prefilter", new PromptAnalyzer(rules, new SanitizerOptions { UseLiteralPrefilter = false })),
        };
        var model = InjectionModel.Shipped;
        var chars = texts.Sum(t => (long)t.Length);
        Console.WriteLine($"{texts.Count} texts, {chars / texts.Count} chars mean");
        if (Environment.GetEnvironmentVariable("PROFILE_LITERALS") == "1")
        {
            foreach (var rule in rules.Rules)
            {
                Console.WriteLine($"{rule.Id}: " + string.Join(" & ", SecureStack.Sanitizer.Rules.RequiredLiterals.Of(rule.Pattern).Select(x => "{" + string.Join(',', x) + "}")));
            }

            return;
        }

        // First passes: the first pays JIT and automata construction, the second (fresh rules, warm JIT) only the automata.
        foreach (var (name, variant) in variants.Concat([("rules + model, fresh rules", new PromptAnalyzer(PromptRuleSet.Load(BenchInputs.RulesPath)))]))
        {
            var cold = Stopwatch.StartNew();
            foreach (var t in texts)
            {
                variant.Analyze(t);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first pass: {name}: {cold.Elapsed.TotalMilliseconds:F0} ms"));
        }

        for (var round = 0; round < rounds; round++)
        {
            var times = new Dictionary<string, double>(StringComparer.Ordinal);
            var hits = new Dictionary<string, int>(StringComparer.Ordinal);
            void Time(string name, Action action)
            {
                var sw = Stopwatch.StartNew();
                action();
                times[name] = times.GetValueOrDefault(name) + sw.Elapsed.TotalMilliseconds;
            }

            foreach (var (variantName, variant) in variants)
            {
                var total = Stopwatch.StartNew();
                foreach (var t in texts)
                {
                    variant.Analyze(t);
                }

                var ms = total.Elapsed.TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {variantName}: {ms:F0} ms = {ms * 1000 / texts.Count:F1} µs/prompt = {texts.Count / ms * 1000:F0}/s"));
            }

            foreach (var t in texts)
            {
                NormalizedInput input = null!;
                Time("normalize", () => input = TextNormalizer.Normalize(t));
                Time("model", () => model.Score(input.View.Text));
                Time("encoded-segments", () => EncodedSegments.Find(t, 64));
                bool[]? found = null;
                Time("prefilter", () => found = rules.Prefilter.Find(input.View.Text));
                var groups = rules.Groups.SelectMany(c => c.Groups).ToList();
                for (var g = 0; g < groups.Count; g++)
                {
                    var group = groups[g];
                    var name = $"group {g} ({string.Join(',', group.Rules.Select(r => r.Id.Replace("pi-", "", StringComparison.Ordinal)))})";
                    var matched = false;
                    if (!group.Rules.Any(r => SecureStack.Sanitizer.Rules.LiteralPrefilter.MayMatch(r.Needs, found)))
                    {
                        hits["skipped by prefilter: " + name] = hits.GetValueOrDefault("skipped by prefilter: " + name) + 1;
                    }

                    Time(name, () => matched = group.Any.IsMatch(input.View.Text));
                    if (matched)
                    {
                        hits[name] = hits.GetValueOrDefault(name) + 1;
                        Time("rules of matched groups", () =>
                        {
                            foreach (var r in group.Rules)
                            {
                                foreach (var m in r.Regex.EnumerateMatches(input.View.Text))
                                {
                                    _ = m;
                                }
                            }
                        });
                    }
                }

                foreach (var group in rules.CompactGroups.SelectMany(c => c.Groups))
                {
                    Time("compact groups", () => group.Any.IsMatch(input.Compact.Text));
                }
            }

            foreach (var (name, ms) in times.OrderByDescending(p => p.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {ms,8:F1} ms {ms * 1000 / texts.Count,7:F1} µs/prompt  hits {hits.GetValueOrDefault(name),5}  prefiltered out {hits.GetValueOrDefault("skipped by prefilter: " + name),5}  {name}"));
            }
        }
    }
}
