using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Tests.Rules;

public sealed class RuleExamplesTests : IClassFixture<ScannerFixture>
{
    private readonly SkillScanner _scanner;

    public RuleExamplesTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    public static TheoryData<string, SourceLanguage> RuleLanguages()
    {
        var data = new TheoryData<string, SourceLanguage>();
        foreach (var rule in RuleFile.Load(TestPaths.Rules))
        {
            foreach (var language in rule.Languages)
            {
                data.Add(rule.Descriptor.Id, language);
            }
            (rule as IDisposable)?.Dispose();
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleLanguages))]
    public void Examples_PositiveAreFlaggedAndNegativeAreNot_InEveryListedLanguage(string ruleId, SourceLanguage language)
    {
        var rule = _scanner.RuleSet.Configured.Single(r => r.Descriptor.Id == ruleId);
        foreach (var positive in rule.Examples.Positive)
        {
            var findings = _scanner.ScanSnippet(language, positive);
            AssertParses(rule, language, positive, findings);
            Assert.True(findings.Any(f => f.RuleId == ruleId), $"{ruleId} did not flag its positive example ({language}): {positive}");
        }
        foreach (var negative in rule.Examples.Negative)
        {
            var findings = _scanner.ScanSnippet(language, negative);
            AssertParses(rule, language, negative, findings);
            Assert.False(findings.Any(f => f.RuleId == ruleId), $"{ruleId} flagged its negative example ({language}): {negative}");
        }
    }

    [Fact]
    public void RuleFile_CoversEveryLanguageWithAGrammar()
    {
        var languages = _scanner.RuleSet.Configured.OfType<QueryRule>().SelectMany(r => r.Languages).ToHashSet();
        var withGrammar = new HashSet<SourceLanguage>
        {
            SourceLanguage.JavaScript, SourceLanguage.TypeScript, SourceLanguage.Tsx, SourceLanguage.Bash, SourceLanguage.Python,
        };
        Assert.Superset(withGrammar, languages);
    }

    /// <summary>An AST rule's example that does not parse proves nothing: a negative passes vacuously, a positive only by error recovery.</summary>
    private static void AssertParses(ConfiguredRule rule, SourceLanguage language, string example, IReadOnlyList<ScanFinding> findings)
    {
        if (rule is QueryRule)
        {
            Assert.False(findings.Any(f => f.RuleId == "SS-PARSE-ERROR"), $"{rule.Descriptor.Id}'s example does not parse as {language}: {example}");
        }
    }
}
