using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using SecureStack.Sanitizer;

namespace SecureStack.Benchmarks.Sanitizer;

/// <summary>
/// Typical prompts through the whole sanitizer, against a baseline of one non-backtracking regex pass
/// over the same text (the cheapest a rule-based check can be). MB/s = input bytes / mean time.
/// </summary>
[MemoryDiagnoser]
public class SanitizerThroughputBenchmarks
{
    private static readonly Regex OnePass = new(@"ignore\s+(?:all\s+)?previous\s+instructions", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase);
    private PromptAnalyzer _analyzer = null!;
    private string _text = "";

    [Params("chat-prompt-200B", "document-10KB", "jailbreak-2KB")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = new PromptAnalyzer(BenchInputs.Rules);
        _text = Input switch
        {
            "chat-prompt-200B" => BenchInputs.ChatPrompt,
            "document-10KB" => BenchInputs.Document10K(),
            _ => BenchInputs.Jailbreak2K(),
        };
    }

    [Benchmark(Baseline = true)]
    public bool OneRegexPass() => OnePass.IsMatch(_text);

    [Benchmark]
    public bool Analyze() => _analyzer.Analyze(_text).InjectionDetected;
}
