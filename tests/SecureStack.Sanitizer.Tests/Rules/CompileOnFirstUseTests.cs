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

    /// <summary>
    /// Rule by rule for good (a chunk's alternations never built): the findings of every committed text (all splits, prompts
    /// and documents, and the project corpus) are the eager load's, so skipping the alternation check changes nothing.
    /// </summary>
    [Fact]
    public void RuleByRule_GivesTheEagerFindingsOnEveryCommittedText()
    {
        var json = File.ReadAllText(RepoPaths.Rules);
        var single = new PromptAnalyzer(PromptRuleSet.Parse(json, RepoPaths.Rules, null, packAfter: int.MaxValue), new SanitizerOptions(), model: null);
        var eager = new PromptAnalyzer(TestRules.Rules, new SanitizerOptions(), model: null);
        CommittedTexts.AssertSameDecisions(eager, single, "rule-by-rule matching");
        Assert.All(single.Rules.Groups.Concat(single.Rules.CompactGroups), chunk => Assert.All(chunk.Groups, g => Assert.Single(g.Rules)));
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
