using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules;

/// <summary>Collects a skill's findings; one per rule, file and line.</summary>
internal sealed class FindingSink
{
    private readonly Dictionary<(string RuleId, string File, int Line), ScanFinding> _findings = [];

    public IReadOnlyCollection<ScanFinding> Findings => _findings.Values;

    public void Add(ScanFinding finding)
    {
        var key = (finding.RuleId, finding.File, finding.Line);
        if (!_findings.TryGetValue(key, out var existing) || existing.Severity < finding.Severity)
        {
            _findings[key] = finding;
        }
    }

    public void Add(RuleDescriptor rule, CodeUnit unit, int charIndex, string message, Severity? severity = null)
    {
        var (line, column) = unit.PositionOf(charIndex);
        Add(new ScanFinding(rule.Id, rule.Name, severity ?? rule.Severity, unit.File, line, column, unit.LineAt(charIndex), Decorate(unit, message)));
    }

    public void Add(RuleDescriptor rule, CodeUnit unit, SyntaxNode node, string message, Severity? severity = null)
    {
        var (line, column) = unit.PositionOf(node);
        Add(new ScanFinding(rule.Id, rule.Name, severity ?? rule.Severity, unit.File, line, column, Snippets.FirstLine(node.Utf8Text), Decorate(unit, message)));
    }

    public void Add(RuleDescriptor rule, string file, int line, string snippet, string message, Severity? severity = null) =>
        Add(new ScanFinding(rule.Id, rule.Name, severity ?? rule.Severity, file, line, 1, Snippets.Trim(snippet), message));

    private static string Decorate(CodeUnit unit, string message) =>
        unit.Origin switch
        {
            UnitOrigin.Decoded => $"{message} (inside an encoded blob)",
            UnitOrigin.Bytecode => $"{message} (in Python bytecode)",
            _ => message,
        };
}
