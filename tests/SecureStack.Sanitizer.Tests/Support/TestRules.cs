using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer.Tests.Support;

/// <summary>The shipped rule file, loaded once per test run (loading compiles and checks every rule).</summary>
internal static class TestRules
{
    private static readonly Lazy<PromptRuleSet> Shipped = new(() => PromptRuleSet.Load(RepoPaths.Rules));
    private static readonly Lazy<PromptAnalyzer> SharedAnalyzer = new(() => new PromptAnalyzer(Shipped.Value));

    public static PromptRuleSet Rules => Shipped.Value;

    public static PromptAnalyzer Analyzer => SharedAnalyzer.Value;

    /// <summary>A small rule file in the shipped format, for tests of the mechanics.</summary>
    public static string MiniJson(string action = "strip", string pattern = @"\bforbidden\s+words\b", string positive = "these forbidden words") => $$"""
        {
          "version": 1,
          "rules": [
            {
              "id": "test-rule",
              "name": "Test rule",
              "pattern": {{System.Text.Json.JsonSerializer.Serialize(pattern)}},
              "action": "{{action}}",
              "description": "Fires on the words used by the tests.",
              "examples": { "positive": [{{System.Text.Json.JsonSerializer.Serialize(positive)}}], "negative": ["allowed words"] }
            }
          ],
          "secrets": [
            {
              "id": "test-secret",
              "name": "Test secret",
              "pattern": "\\bTESTKEY-[0-9]{8}\\b",
              "description": "A fake key shape.",
              "examples": { "positive": ["TESTKEY-12345678"], "negative": ["TESTKEY-1"] }
            }
          ]
        }
        """;

    /// <summary><see cref="Mini"/> loaded with <c>compileOnFirstUse</c>: automata built when a text needs them.</summary>
    public static PromptRuleSet MiniOnFirstUse(string pattern) =>
        PromptRuleSet.Parse(MiniJson(pattern: pattern), "mini-rules.json", compileOnFirstUse: true);

    public static PromptRuleSet Mini(string action = "strip", string pattern = @"\bforbidden\s+words\b", string positive = "these forbidden words") =>
        PromptRuleSet.Parse(MiniJson(action, pattern, positive), "mini-rules.json");
}
