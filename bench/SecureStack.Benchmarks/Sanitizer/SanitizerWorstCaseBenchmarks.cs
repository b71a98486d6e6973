using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using SecureStack.Sanitizer;

namespace SecureStack.Benchmarks.Sanitizer;

/// <summary>One-megabyte adversarial inputs (near-matches, floods of matches, encodings, nesting) through the sanitizer.</summary>
[MemoryDiagnoser]
public class SanitizerWorstCaseBenchmarks
{
    private static readonly Regex OnePass = new(@"ignore\s+(?:all\s+)?previous\s+instructions", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase);
    private PromptAnalyzer _analyzer = null!;
    private string _text = "";

    [Params("near-miss-phrases", "all-matching", "spaced-letters", "base64-flood", "entities-and-escapes", "tag-characters", "deep-nesting", "mixed-scripts")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = new PromptAnalyzer(BenchInputs.Rules, new SanitizerOptions { MaxFieldChars = 4 << 20, MatchTimeout = TimeSpan.FromSeconds(30) });
        _text = BenchInputs.Adversarial(Input);
    }

    [Benchmark(Baseline = true)]
    public bool OneRegexPass() => OnePass.IsMatch(_text);

    [Benchmark]
    public int Analyze() => _analyzer.Analyze(_text).Findings.Count;
}
