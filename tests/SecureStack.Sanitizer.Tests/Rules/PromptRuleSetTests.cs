using SecureStack.Sanitizer.Rules;
using SecureStack.Sanitizer.Tests.Support;

namespace SecureStack.Sanitizer.Tests.Rules;

public sealed class PromptRuleSetTests
{
    [Fact]
    public void Load_MissingFileNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "prompt-rules.json");
        var e = Assert.Throws<PromptRuleFileException>(() => PromptRuleSet.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid rule JSON")]
    [InlineData("""{"version": 2, "rules": []}""", "\"version\" must be 1")]
    [InlineData("""{"version": 1, "rules": []}""", "\"rules\" is missing or empty")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "delete", "description": "d", "examples": {"positive": ["x"], "negative": ["y"]}}]}""", "\"action\" must be")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "flag", "description": "d"}]}""", "\"examples\" needs at least one")]
    [InlineData("""{"version": 1, "rules": [{"name": "n", "pattern": "x", "action": "flag", "description": "d", "examples": {"positive": ["x"], "negative": ["y"]}}]}""", "\"id\" is missing")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x(?=y)", "action": "flag", "description": "d", "examples": {"positive": ["xy"], "negative": ["y"]}}]}""", "not a linear-time")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "(x)\\1", "action": "flag", "description": "d", "examples": {"positive": ["xx"], "negative": ["y"]}}]}""", "not a linear-time")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "flag", "description": "d", "examples": {"positive": ["x"], "negative": ["y"]}}, {"id": "a", "name": "n", "pattern": "z", "action": "flag", "description": "d", "examples": {"positive": ["z"], "negative": ["y"]}}]}""", "used twice")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "flag", "description": "d", "examples": {"positive": ["nothing here"], "negative": ["y"]}}]}""", "does not fire on its positive example")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "flag", "description": "d", "examples": {"positive": ["x"], "negative": ["x marks"]}}]}""", "fires on its negative example")]
    [InlineData("""{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "flag", "description": "d", "typo": 1, "examples": {"positive": ["x"], "negative": ["y"]}}]}""", "not valid rule JSON")]
    [InlineData("""{"version": 1, "version": 1, "rules": []}""", "not valid rule JSON")]
    public void Parse_RejectsInvalidFilesWithTheProblem(string json, string problem)
    {
        var e = Assert.Throws<PromptRuleFileException>(() => PromptRuleSet.Parse(json, "bad-rules.json").CheckExamples());
        Assert.StartsWith("bad-rules.json:", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LeavesExamplesToCheckExamples()
    {
        const string Json = """{"version": 1, "rules": [{"id": "a", "name": "n", "pattern": "x", "action": "flag", "description": "d", "examples": {"positive": ["nothing here"], "negative": ["y"]}}]}""";
        var rules = PromptRuleSet.Parse(Json, "lazy-rules.json");
        Assert.Throws<PromptRuleFileException>(rules.CheckExamples);
    }

    [Fact]
    public void ShippedFile_EveryExampleBehaves() => TestRules.Rules.CheckExamples();

    [Fact]
    public void Parse_ReadsActionsExamplesAndSecrets()
    {
        var rules = TestRules.Mini("reject");
        var rule = Assert.Single(rules.Rules);
        Assert.Equal(("test-rule", PromptRuleAction.Reject), (rule.Id, rule.Action));
        Assert.Equal(["these forbidden words"], rule.PositiveExamples);
        Assert.Equal("test-secret", Assert.Single(rules.Secrets).Id);
    }

    [Fact]
    public void DefaultPath_UsesTheConfigDirectoryVariable()
    {
        Assert.Equal(Path.Combine("/etc/ss", "prompt-rules.json"), PromptRuleSet.DefaultPath(n => n == "SECURESTACK_CONFIG_DIR" ? "/etc/ss" : null));
        // Never the current directory: without the variable, config/ beside the binary.
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "config", "prompt-rules.json"), PromptRuleSet.DefaultPath(_ => null));
    }

    [Fact]
    public void ShippedFile_CoversTheRequiredFamiliesAndLanguages()
    {
        var ids = TestRules.Rules.Rules.Select(r => r.Id).ToHashSet();
        string[] required =
        [
            "pi-ignore-instructions", "pi-chat-template-tokens", "pi-fake-system-turn", "pi-markdown-role-header", "pi-persona-jailbreak",
            "pi-developer-mode", "pi-system-prompt-extraction", "pi-disable-safety", "pi-skip-confirmation",
            "pi-de-ignore", "pi-fr-ignore", "pi-es-ignore", "pi-zh-ignore",
        ];
        Assert.All(required, id => Assert.Contains(id, ids));
        Assert.Contains(TestRules.Rules.Rules, r => r.Action == PromptRuleAction.Flag);
        Assert.Contains(TestRules.Rules.Rules, r => r.Action == PromptRuleAction.Strip);
        Assert.Contains(TestRules.Rules.Rules, r => r.Action == PromptRuleAction.Reject);
    }
}
