using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Tests.Rules;

/// <summary>
/// Pattern rules run interpreted until they have read enough text to pay for compiling: the two forms must report the same
/// findings, and a one-skill scan must not pay for compiling.
/// </summary>
public sealed class PatternRuleTests
{
    private static readonly SkillContext Skill = new("skill", "/nonexistent", null);

    private static List<PatternRule> Shipped()
    {
        var all = RuleFile.Load(TestPaths.Rules);
        foreach (var other in all.Where(r => r is not PatternRule))
        {
            (other as IDisposable)?.Dispose();
        }
        return [.. all.OfType<PatternRule>()];
    }

    [Fact]
    public void InterpretedAndCompiled_FindTheSameOnEveryExampleAndCorpusFile()
    {
        var rules = Shipped();
        Assert.True(rules.Count >= 20, $"only {rules.Count} pattern rules");
        var texts = rules.SelectMany(r => r.Examples.Positive.Concat(r.Examples.Negative))
            .Concat(Directory.GetFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null).Select(File.ReadAllText))
            .ToList();
        var findings = 0;
        foreach (var rule in rules)
        {
            var interpreted = new PatternRule(rule.Descriptor, rule.Languages, rule.Examples, rule.Pattern, interpretChars: long.MaxValue);
            var compiled = new PatternRule(rule.Descriptor, rule.Languages, rule.Examples, rule.Pattern, interpretChars: 0);
            foreach (var language in rule.Languages)
            {
                foreach (var text in texts.Where(t => t.Length > 0))
                {
                    var unit = new CodeUnit("file", language, UnitOrigin.File, text, 1);
                    var a = Detect(interpreted, unit);
                    var b = Detect(compiled, unit);
                    Assert.True(a.SequenceEqual(b), $"{rule.Descriptor.Id} ({language}) differs compiled on: {text[..Math.Min(120, text.Length)]}");
                    findings += a.Count;
                }
            }
            Assert.False(interpreted.IsCompiled);
            Assert.True(compiled.IsCompiled);
        }
        Assert.True(findings > 100, $"only {findings} findings: the comparison proves little");
    }

    [Fact]
    public void SmallTexts_RunInterpretedUntilTheBudgetIsSpent()
    {
        var rule = Shipped()[0];
        var small = new CodeUnit("file", rule.Languages[0], UnitOrigin.File, new string('x', 4096), 1);
        for (var read = 0L; read + small.Text.Length <= PatternRule.InterpretChars; read += small.Text.Length)
        {
            _ = Detect(rule, small);
        }
        Assert.False(rule.IsCompiled);
        _ = Detect(rule, small);
        Assert.True(rule.IsCompiled);
    }

    [Fact]
    public void ALargeText_RunsCompiledAtOnce()
    {
        var rule = Shipped()[0];
        _ = Detect(rule, new CodeUnit("file", rule.Languages[0], UnitOrigin.File, new string('x', (int)(PatternRule.InterpretChars / 16) + 1), 1));
        Assert.True(rule.IsCompiled);
    }

    private static List<(string RuleId, string File, int Line, int Column, string Message)> Detect(PatternRule rule, CodeUnit unit)
    {
        var sink = new FindingSink();
        rule.Detect(unit, Skill, sink);
        return [.. sink.Findings.Select(f => (f.RuleId, f.File, f.Line, f.Column, f.Message)).Order()];
    }
}
