using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>A script that does not parse may hide code from every AST rule, so it is suspicious in itself.</summary>
internal sealed class ParseFailureRule : ScanRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-PARSE-ERROR", "File does not parse", Severity.High,
        "A script of the skill does not parse; malformed code hides from AST rules and is treated as suspicious.");

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Descriptor];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Origin != UnitOrigin.File || unit.Grammar is null)
        {
            return;
        }
        if (unit.Tree is null)
        {
            sink.Add(Descriptor, unit, 0, $"{unit.Language} parsing did not finish within the time limit");
            return;
        }
        var root = unit.Tree.Root;
        if (!root.HasError)
        {
            return;
        }
        using var cursor = root.Walk();
        foreach (var node in cursor.DescendantsAndSelf())
        {
            if (node.IsError || node.IsMissing)
            {
                sink.Add(Descriptor, unit, node, $"{unit.Language} syntax error ({(node.IsMissing ? "missing " + node.Type : "unexpected input")})");
                return;
            }
        }
    }
}
