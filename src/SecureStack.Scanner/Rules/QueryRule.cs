using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules;

/// <summary>A rule whose <c>ast_query</c> is compiled once per grammar it applies to.</summary>
internal sealed class QueryRule : ConfiguredRule, IDisposable
{
    private readonly Dictionary<Grammar, Query> _queries;

    public QueryRule(RuleDescriptor descriptor, IReadOnlyList<SourceLanguage> languages, RuleExamples examples, string source, Dictionary<Grammar, Query> queries)
        : base(descriptor, languages, examples)
    {
        Source = source;
        _queries = queries;
    }

    /// <summary>The <c>ast_query</c> text, which <see cref="CombinedQueryRule"/> joins with the other rules'.</summary>
    public string Source { get; }

    public IEnumerable<Grammar> Grammars => _queries.Keys;

    public int PatternCount(Grammar grammar) => _queries[grammar].PatternCount;

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Tree is null || unit.Grammar is not { } grammar || !_queries.TryGetValue(grammar, out var query))
        {
            return;
        }
        using var cursor = new QueryCursor();
        foreach (var match in cursor.Matches(query, unit.Tree.Root))
        {
            Report(match, unit, sink);
        }
        if (cursor.IncompleteReason is { } reason)
        {
            sink.Add(BuiltIn.FileTypeRule.Incomplete, unit, 0, reason);
        }
    }

    /// <summary>Reports a match of this rule's patterns: the capture <c>@match</c>, else the first.</summary>
    public void Report(QueryMatch match, CodeUnit unit, FindingSink sink)
    {
        var reported = match.Captures[0];
        foreach (var capture in match.Captures)
        {
            if (capture.Name == "match")
            {
                reported = capture;
                break;
            }
        }
        sink.Add(Descriptor, unit, reported.Node, Descriptor.Description);
    }

    public void Dispose()
    {
        foreach (var query in _queries.Values)
        {
            query.Dispose();
        }
    }
}
