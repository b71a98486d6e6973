using SecureStack.Sanitizer.Tests.Support;

namespace SecureStack.Sanitizer.Tests.Rules;

/// <summary>Every example in config/prompt-rules.json as its own test: each rule fires on its positives and stays quiet on its negatives.</summary>
public sealed class RuleExamplesTests
{
    public static TheoryData<string, string> Positives() => Examples(r => r.PositiveExamples);

    public static TheoryData<string, string> Negatives() => Examples(r => r.NegativeExamples);

    public static TheoryData<string, string> SecretPositives() => SecretExamples(r => r.PositiveExamples);

    public static TheoryData<string, string> SecretNegatives() => SecretExamples(r => r.NegativeExamples);

    [Theory]
    [MemberData(nameof(Positives))]
    public void Rule_FiresOnItsPositiveExample(string ruleId, string example) =>
        Assert.Contains(ruleId, TestRules.Analyzer.Analyze(example).Patterns);

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Rule_StaysQuietOnItsNegativeExample(string ruleId, string example) =>
        Assert.DoesNotContain(ruleId, TestRules.Analyzer.Analyze(example).Patterns);

    [Theory]
    [MemberData(nameof(SecretPositives))]
    public void SecretRule_MatchesItsPositiveExample(string ruleId, string example) =>
        Assert.Matches(TestRules.Rules.Secrets.Single(s => s.Id == ruleId).Regex, example);

    [Theory]
    [MemberData(nameof(SecretNegatives))]
    public void SecretRule_IgnoresItsNegativeExample(string ruleId, string example) =>
        Assert.DoesNotMatch(TestRules.Rules.Secrets.Single(s => s.Id == ruleId).Regex, example);

    private static TheoryData<string, string> Examples(Func<Sanitizer.Rules.PromptRule, IReadOnlyList<string>> select)
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in TestRules.Rules.Rules)
        {
            foreach (var example in select(rule))
            {
                data.Add(rule.Id, example);
            }
        }

        return data;
    }

    private static TheoryData<string, string> SecretExamples(Func<Sanitizer.Rules.SecretRule, IReadOnlyList<string>> select)
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in TestRules.Rules.Secrets)
        {
            foreach (var example in select(rule))
            {
                data.Add(rule.Id, example);
            }
        }

        return data;
    }
}
