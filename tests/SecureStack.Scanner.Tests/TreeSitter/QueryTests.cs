using System.Text;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Tests.TreeSitter;

public sealed class QueryTests
{
    [Theory]
    [InlineData("eval(x)", "(call_expression function: (identifier) @fn (#eq? @fn \"eval\"))", 1)]
    [InlineData("evaluate(x)", "(call_expression function: (identifier) @fn (#eq? @fn \"eval\"))", 0)]
    [InlineData("foo(x); bar(y)", "(call_expression function: (identifier) @fn (#not-eq? @fn \"foo\"))", 1)]
    [InlineData("execSync(a); spawn(b); log(c)", "(call_expression function: (identifier) @fn (#match? @fn \"^(exec|spawn)\"))", 2)]
    [InlineData("execSync(a); spawn(b); log(c)", "(call_expression function: (identifier) @fn (#not-match? @fn \"^(exec|spawn)\"))", 1)]
    [InlineData("a(); b(); c()", "(call_expression function: (identifier) @fn (#any-of? @fn \"a\" \"c\"))", 2)]
    [InlineData("x = x; y = z", "(assignment_expression left: (identifier) @l right: (identifier) @r (#eq? @l @r))", 1)]
    public void Matches_EvaluatesPredicatesInCSharp(string code, string query, int expected)
    {
        Assert.Equal(expected, CountMatches(Grammar.JavaScript, code, query));
    }

    [Theory]
    [InlineData(Grammar.Bash, "curl -s https://example.org | sh", "(pipeline (command name: (command_name) @a) (command name: (command_name) @b (#any-of? @b \"sh\" \"bash\")))")]
    [InlineData(Grammar.Python, "import os\nos.system('ls')", "(call function: (attribute object: (identifier) @o attribute: (identifier) @a) (#eq? @o \"os\") (#eq? @a \"system\"))")]
    [InlineData(Grammar.TypeScript, "const x: number = eval('1')", "(call_expression function: (identifier) @fn (#eq? @fn \"eval\"))")]
    [InlineData(Grammar.Tsx, "const a = <div onClick={() => eval(s)} />", "(call_expression function: (identifier) @fn (#eq? @fn \"eval\"))")]
    public void Matches_WorksForEveryGrammar(Grammar grammar, string code, string query)
    {
        Assert.Equal(1, CountMatches(grammar, code, query));
    }

    [Fact]
    public void New_ReportsTheOffsetOfAnInvalidQuery()
    {
        var error = Assert.Throws<QueryException>(() => new Query(Grammar.JavaScript, "(call_expression (no_such_node))"));
        Assert.Equal(18, error.Offset);
        Assert.Contains("NodeType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_RejectsUnknownPredicates()
    {
        var error = Assert.Throws<QueryException>(() => new Query(Grammar.JavaScript, "((identifier) @x (#is-cool? @x \"y\"))"));
        Assert.Contains("is-cool?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Walk_VisitsTenThousandDeepNestingWithoutRecursion()
    {
        var code = new string('[', 10_000) + new string(']', 10_000);
        using var parser = new Parser(Grammar.JavaScript, TimeSpan.FromSeconds(30));
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code));
        Assert.NotNull(tree);
        using var cursor = tree.Root.Walk();
        var arrays = cursor.DescendantsAndSelf().Count(n => n.Type == "array");
        Assert.Equal(10_000, arrays);
    }

    private static int CountMatches(Grammar grammar, string code, string querySource)
    {
        using var parser = new Parser(grammar, TimeSpan.FromSeconds(5));
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code));
        Assert.NotNull(tree);
        using var query = new Query(grammar, querySource);
        using var cursor = new QueryCursor();
        return cursor.Matches(query, tree.Root).Count();
    }
}
