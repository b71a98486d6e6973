using SecureStack.Sanitizer.Rules;
using SecureStack.Sanitizer.Tests.Support;

namespace SecureStack.Sanitizer.Tests.Rules;

/// <summary>
/// <c>compileOnFirstUse</c> (one-shot commands) builds a rule chunk's automata when a text needs it: the same findings as an
/// eager load, syntax errors still fail the load, and a pattern the non-backtracking engine rejects fails the first text.
/// </summary>
public sealed class CompileOnFirstUseTests
{
    [Fact]
    public void LazyLoad_GivesTheEagerFindingsOnTheTestPrompts()
    {
        var lazy = new PromptAnalyzer(PromptRuleSet.Load(RepoPaths.Rules, compileOnFirstUse: true), new SanitizerOptions(), model: null);
        var eager = new PromptAnalyzer(TestRules.Rules, new SanitizerOptions(), model: null);
        var texts = PromptData.Split("test").Where(p => p.Context == "prompt").Select(p => p.Text).ToList();
        var differing = texts.Where(t => !lazy.Analyze(t).Findings.SequenceEqual(eager.Analyze(t).Findings)).ToList();
        Assert.Empty(differing);
        Assert.Contains(texts, t => eager.Analyze(t).InjectionDetected);
    }

    [Fact]
    public void LazyLoad_StillRefusesASyntaxError()
    {
        var e = Assert.Throws<PromptRuleFileException>(() => TestRules.MiniOnFirstUse(@"\bforbidden(\s+words"));
        Assert.Contains("test-rule", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LazyLoad_RefusesALookaroundOnTheFirstTextThatNeedsIt()
    {
        const string lookahead = @"(?=forbidden)forbidden\s+words";
        Assert.Throws<PromptRuleFileException>(() => TestRules.Mini(pattern: lookahead));
        var analyzer = new PromptAnalyzer(TestRules.MiniOnFirstUse(lookahead), new SanitizerOptions(), model: null);
        var e = Assert.Throws<PromptRuleFileException>(() => analyzer.Analyze("these forbidden words"));
        Assert.Contains("test-rule", e.Message, StringComparison.Ordinal);
        Assert.Throws<PromptRuleFileException>(() => analyzer.Analyze("again"));
    }
}
