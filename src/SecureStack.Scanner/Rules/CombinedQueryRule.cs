using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules;

/// <summary>
/// Runs every <see cref="QueryRule"/> of a grammar as one tree-sitter query, so a file's tree is walked once
/// instead of once per rule; each match goes back to the rule that owns its pattern.
/// </summary>
internal sealed class CombinedQueryRule : ScanRule, IDisposable
{
    private readonly Dictionary<Grammar, (Query Query, QueryRule[] Owners)> _queries = [];

    public CombinedQueryRule(IEnumerable<QueryRule> rules)
    {
        foreach (var group in rules.SelectMany(r => r.Grammars.Select(g => (Grammar: g, Rule: r))).GroupBy(p => p.Grammar))
        {
            var owners = new List<QueryRule>();
            foreach (var (grammar, rule) in group)
            {
                owners.AddRange(Enumerable.Repeat(rule, rule.PatternCount(grammar)));
            }
            var query = new Query(group.Key, string.Join('\n', group.Select(p => p.Rule.Source)));
            if (query.PatternCount != owners.Count)
            {
                query.Dispose();
                throw new InvalidOperationException($"combined {group.Key} query has {query.PatternCount} patterns, expected {owners.Count}");
            }
            _queries[group.Key] = (query, [.. owners]);
        }
    }

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Tree is null || unit.Grammar is not { } grammar || !_queries.TryGetValue(grammar, out var combined))
        {
            return;
        }
        using var cursor = new QueryCursor();
        foreach (var match in cursor.Matches(combined.Query, unit.Tree.Root))
        {
            combined.Owners[match.PatternIndex].Report(match, unit, sink);
        }
        if (cursor.IncompleteReason is { } reason)
        {
            sink.Add(BuiltIn.FileTypeRule.Incomplete, unit, 0, reason);
        }
    }

    public void Dispose()
    {
        foreach (var (query, _) in _queries.Values)
        {
            query.Dispose();
        }
    }
}
