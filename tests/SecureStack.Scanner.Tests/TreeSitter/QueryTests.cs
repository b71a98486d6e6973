using System.Text;
using SecureStack.Scanner.Rules;
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

    // Every level opens a match that closes after the levels inside it: one cursor run over all of them held 10,000
    // states per pattern and dropped the outer ones past the match limit.
    [Theory]
    [InlineData(Grammar.Bash, "eval $(", ")", "(command name: (command_name) @c (#eq? @c \"eval\") argument: (command_substitution))")]
    [InlineData(Grammar.JavaScript, "eval(", ")", "(call_expression function: (identifier) @fn (#eq? @fn \"eval\") arguments: (arguments))")]
    [InlineData(Grammar.TypeScript, "eval(", ")", "(call_expression function: (identifier) @fn (#eq? @fn \"eval\") arguments: (arguments))")]
    [InlineData(Grammar.Python, "exec(", ")", "(call function: (identifier) @fn (#eq? @fn \"exec\") arguments: (argument_list))")]
    public void Matches_FindsEveryLevelOfTenThousandNestedCallsOnce(Grammar grammar, string open, string close, string query)
    {
        const int Depth = 10_000;
        var code = string.Concat(Enumerable.Repeat(open, Depth)) + "1" + string.Concat(Enumerable.Repeat(close, Depth));

        Assert.Equal(Depth, CountMatches(grammar, code, query, TimeSpan.FromSeconds(60)));
    }

    // The rule file's patterns, joined as the scanner runs them, keep matches open across the levels inside them; one
    // run over 10,000 levels held a state per pattern per level (quadratic, and past the limit states were dropped).
    [Theory]
    [InlineData(Grammar.Bash, "x = ", "$(echo ", ")")]
    [InlineData(Grammar.Bash, "", "eval $(", ")")]
    [InlineData(Grammar.JavaScript, "x = ", "eval(", ")")]
    [InlineData(Grammar.TypeScript, "x = ", "eval(", ")")]
    [InlineData(Grammar.Python, "x = ", "exec(", ")")]
    public void Matches_RuleFileQueriesStayUnderTheMatchLimitOnTenThousandLevels(Grammar grammar, string head, string open, string close)
    {
        var sources = RuleFile.Load(TestPaths.Rules).OfType<QueryRule>().Where(r => r.Grammars.Contains(grammar)).Select(r => r.Source);
        using var query = new Query(grammar, string.Join('\n', sources));
        var code = head + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));
        using var parser = new Parser(grammar, TimeSpan.FromSeconds(60));
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code));
        Assert.NotNull(tree);
        using var cursor = new QueryCursor();

        _ = cursor.Matches(query, tree.Root).Count();

        Assert.False(cursor.ExceededMatchLimit);
        Assert.Null(cursor.IncompleteReason);
    }

    [Fact]
    public void Matches_StopsRegexChecksOfNestedCapturesPastTheTextBudget()
    {
        const string Query = "(command name: (command_name) @c (#eq? @c \"osascript\") argument: (_) @a (#match? @a \"password\"))";
        using var parser = new Parser(Grammar.Bash, TimeSpan.FromSeconds(60));
        using var query = new Query(Grammar.Bash, Query);
        using var cursor = new QueryCursor();
        int Count(int depth)
        {
            var code = string.Concat(Enumerable.Repeat("osascript $(", depth)) + "password" + new string(')', depth);
            using var tree = parser.Parse(Encoding.UTF8.GetBytes(code));
            Assert.NotNull(tree);
            return cursor.Matches(query, tree.Root).Count();
        }

        // 100 levels read ~60 KB of argument text, 10,000 levels would read ~600 MB: the deep tree stops and says so.
        Assert.Equal(100, Count(100));
        Assert.False(cursor.TextLimitReached);
        Assert.True(Count(10_000) < 10_000);
        Assert.True(cursor.TextLimitReached);
    }

    private static int CountMatches(Grammar grammar, string code, string querySource, TimeSpan? parseTimeout = null)
    {
        using var parser = new Parser(grammar, parseTimeout ?? TimeSpan.FromSeconds(5));
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(code));
        Assert.NotNull(tree);
        using var query = new Query(grammar, querySource);
        using var cursor = new QueryCursor();
        return cursor.Matches(query, tree.Root).Count();
    }
}
