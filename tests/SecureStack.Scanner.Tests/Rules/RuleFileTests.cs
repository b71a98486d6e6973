using SecureStack.Scanner.Rules;

namespace SecureStack.Scanner.Tests.Rules;

public sealed class RuleFileTests
{
    private const string Valid = """
        {
          "version": 1,
          "rules": [
            {
              "id": "SS-TEST-EVAL",
              "name": "eval",
              "severity": "high",
              "languages": ["javascript"],
              "ast_query": "(call_expression function: (identifier) @match (#eq? @match \"eval\"))",
              "description": "eval",
              "examples": { "positive": ["eval(x)"], "negative": ["foo(x)"] }
            }
          ]
        }
        """;

    [Fact]
    public void Load_MissingFile_FailsClosedNamingTheFile()
    {
        var error = Assert.Throws<ScannerConfigurationException>(() => SkillScanner.Create(new ScannerOptions { RulesPath = "/nonexistent/scanner-rules.json" }));
        Assert.StartsWith("/nonexistent/scanner-rules.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJson_NamesTheLine()
    {
        var error = Assert.Throws<ScannerConfigurationException>(() => RuleFile.Parse("rules.json", "{\n  \"version\": 1,\n  \"rules\": [\n    { \"id\": }\n  ]\n}"));
        Assert.StartsWith("rules.json:4:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"ast_query\": \"(call_expression function: (identifier) @match (#eq? @match \\\"eval\\\"))\"", "\"ast_query\": \"(call_expression (not_a_node))\"", "NodeType")]
    [InlineData("\"severity\": \"high\"", "\"severity\": \"severe\"", "severity")]
    [InlineData("\"languages\": [\"javascript\"]", "\"languages\": [\"cobol\"]", "unknown language")]
    [InlineData("\"id\": \"SS-TEST-EVAL\"", "\"id\": \"eval rule\"", "rule id")]
    [InlineData("\"positive\": [\"eval(x)\"]", "\"positive\": []", "examples.positive")]
    [InlineData("\"description\": \"eval\",", "\"description\": \"eval\", \"severty\": \"low\",", "severty")]
    public void Parse_InvalidRule_NamesFileLineAndProblem(string original, string replacement, string problem)
    {
        var text = Valid.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);
        var error = Assert.Throws<ScannerConfigurationException>(() => RuleFile.Parse("config/scanner-rules.json", text));
        Assert.Matches(@"^config/scanner-rules\.json:\d+:", error.Message);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SemanticError_PointsAtTheRulesLine()
    {
        var text = Valid.Replace("\"severity\": \"high\"", "\"severity\": \"severe\"", StringComparison.Ordinal);
        var error = Assert.Throws<ScannerConfigurationException>(() => RuleFile.Parse("r.json", text));
        Assert.StartsWith("r.json:5:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyRuleSet_IsRefused()
    {
        var error = Assert.Throws<ScannerConfigurationException>(() => RuleFile.Parse("r.json", "{\"version\": 1, \"rules\": []}"));
        Assert.Contains("empty rule set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateIds_AreRefused()
    {
        var rule = Valid[(Valid.IndexOf('{', 5))..Valid.LastIndexOf(']')].Trim();
        var text = $"{{\"version\": 1, \"rules\": [{rule}, {rule}]}}";
        var error = Assert.Throws<ScannerConfigurationException>(() => RuleFile.Parse("r.json", text));
        Assert.Contains("duplicate rule id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidFile_CompilesTheQuery()
    {
        var rules = RuleFile.Parse("r.json", Valid);
        var rule = Assert.IsType<QueryRule>(Assert.Single(rules));
        Assert.Equal(Severity.High, rule.Descriptor.Severity);
        rule.Dispose();
    }
}
