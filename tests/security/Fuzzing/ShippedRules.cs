using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>The shipped prompt rules and the positive examples they are known to catch, loaded once.</summary>
internal static class ShippedRules
{
    private static readonly Lazy<PromptRuleSet> Loaded = new(() => PromptRuleSet.Load(FuzzPaths.PromptRules));

    public static PromptRuleSet Rules => Loaded.Value;

    public static PromptAnalyzer Analyzer { get; } = new(Rules);

    /// <summary>Positive examples of <paramref name="action"/> rules that the analyzer rejects or strips on their own.</summary>
    public static string[] Examples(PromptRuleAction action) =>
        [.. Rules.Rules.Where(r => r.Action == action).SelectMany(r => r.PositiveExamples).Where(e => Analyzer.Analyze(e).Action >= action)];
}
