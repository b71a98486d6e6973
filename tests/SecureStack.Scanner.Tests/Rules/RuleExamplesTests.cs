using SecureStack.Scanner.Rules;

namespace SecureStack.Scanner.Tests.Rules;

public sealed class RuleExamplesTests : IClassFixture<ScannerFixture>
{
    private readonly SkillScanner _scanner;

    public RuleExamplesTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleFile.Load(TestPaths.Rules))
        {
            data.Add(rule.Descriptor.Id);
            (rule as IDisposable)?.Dispose();
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Examples_PositiveAreFlaggedAndNegativeAreNot(string ruleId)
    {
        var rule = _scanner.RuleSet.Configured.Single(r => r.Descriptor.Id == ruleId);
        var language = rule.Languages[0];
        foreach (var positive in rule.Examples.Positive)
        {
            var findings = _scanner.ScanSnippet(language, positive);
            Assert.True(findings.Any(f => f.RuleId == ruleId), $"{ruleId} did not flag its positive example ({language}): {positive}");
        }
        foreach (var negative in rule.Examples.Negative)
        {
            var findings = _scanner.ScanSnippet(language, negative);
            Assert.False(findings.Any(f => f.RuleId == ruleId), $"{ruleId} flagged its negative example ({language}): {negative}");
        }
    }

    [Fact]
    public void RuleFile_CoversEveryLanguageWithAGrammar()
    {
        var languages = _scanner.RuleSet.Configured.OfType<QueryRule>().SelectMany(r => r.Languages).ToHashSet();
        Assert.Superset(languages, new HashSet<SecureStack.Scanner.Skills.SourceLanguage>
        {
            SecureStack.Scanner.Skills.SourceLanguage.JavaScript, SecureStack.Scanner.Skills.SourceLanguage.TypeScript, SecureStack.Scanner.Skills.SourceLanguage.Tsx, SecureStack.Scanner.Skills.SourceLanguage.Bash, SecureStack.Scanner.Skills.SourceLanguage.Python,
        });
    }
}
