using System.Text;
using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Names assembled so that no single literal shows them: concatenation, <c>String.fromCharCode</c>, joined arrays,
/// <c>\x</c>/<c>\u</c> escapes, computed <c>require</c>/<c>__import__</c>/<c>getattr</c> (THREATS.md §1 family 11).
/// </summary>
internal sealed class ObfuscationRule : ScanRule
{
    public static readonly RuleDescriptor Hidden = new(
        "SS-OBFUSCATION", "Obfuscated dangerous name", Severity.Critical,
        "Code assembles a dangerous name or command (eval, child_process, exec, a shell pipeline) so that no literal shows it.");

    public static readonly RuleDescriptor Suspicious = new(
        "SS-OBFUSCATION-STRING", "Obfuscated string", Severity.Medium,
        "Code builds text from character codes or escapes plain ASCII, which hides what it says from a reader.");

    public static readonly RuleDescriptor ComputedImport = new(
        "SS-COMPUTED-IMPORT", "Computed module import", Severity.Medium,
        "A module is loaded by a computed name (require(x), import(x), __import__(x)), which hides what is loaded.");

    // Call names are compared whole or by their end; a chained call's function spans the whole chain before it.
    private const int MaxNameBytes = 64;

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Hidden, Suspicious, ComputedImport];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Tree is null)
        {
            return;
        }
        var coveredUntil = -1;
        // A string nested in a string's substitution is checked with the outer one: checking each level again is quadratic.
        var stringCoveredUntil = -1;
        using var cursor = unit.Tree.Root.Walk();
        foreach (var node in cursor.DescendantsAndSelf())
        {
            switch (node.Type)
            {
                case "binary_expression" or "binary_operator" when node.StartByte >= coveredUntil:
                    coveredUntil = node.EndByte;
                    CheckFolded(unit, sink, node, "concatenation");
                    break;
                case "call_expression" or "call":
                    CheckCall(unit, sink, node);
                    break;
                case "string" or "ansi_c_string" when node.StartByte >= coveredUntil && node.StartByte >= stringCoveredUntil:
                    stringCoveredUntil = node.EndByte;
                    CheckLiteral(unit, sink, node);
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckFolded(CodeUnit unit, FindingSink sink, SyntaxNode node, string how)
    {
        var value = StringFolder.Fold(node);
        if (value is not null && Indicators.IsDangerous(value))
        {
            sink.Add(Hidden, unit, node, $"{how} assembles \"{Snippets.Trim(value)}\"");
        }
    }

    private static void CheckLiteral(CodeUnit unit, FindingSink sink, SyntaxNode node)
    {
        var text = node.Text;
        var escapes = StringFolder.EscapeCount(text);
        if (escapes == 0)
        {
            return;
        }
        var value = StringFolder.Literal(node);
        if (value is null)
        {
            return;
        }
        if (Indicators.IsDangerous(value))
        {
            sink.Add(Hidden, unit, node, $"escaped literal spells \"{Snippets.Trim(value)}\"");
        }
        else if (escapes >= 6 && value.Count(char.IsAsciiLetterOrDigit) >= value.Length / 2)
        {
            sink.Add(Suspicious, unit, node, $"plain text written as {escapes} escapes: \"{Snippets.Trim(value)}\"");
        }
    }

    private static void CheckCall(CodeUnit unit, FindingSink sink, SyntaxNode node)
    {
        var function = node.ChildByField("function");
        var arguments = node.ChildByField("arguments");
        if (function.IsNull || arguments.IsNull)
        {
            return;
        }
        var name = NameOf(function);
        if (name.EndsWith("fromCharCode", StringComparison.Ordinal) || (function.Type == "member_expression" && function.ChildByField("property").Text == "join") || name == "chr")
        {
            var value = StringFolder.Fold(node);
            if (value is not null && Indicators.IsDangerous(value))
            {
                sink.Add(Hidden, unit, node, $"{(name == "chr" ? "chr()" : name.EndsWith("join", StringComparison.Ordinal) ? "joined array" : "String.fromCharCode")} assembles \"{Snippets.Trim(value)}\"");
            }
            else if (value is not null && name.EndsWith("fromCharCode", StringComparison.Ordinal) && arguments.NamedChildCount >= 3)
            {
                sink.Add(Suspicious, unit, node, $"String.fromCharCode builds \"{Snippets.Trim(value)}\"");
            }
            return;
        }
        if (DecoderFolding.IsDecoder(name) || (function.Type == "attribute" && function.ChildByField("attribute").Text is "join" or "decode")
            || (function.Type == "member_expression" && function.ChildByField("property").Text is "toString"))
        {
            var decoded = StringFolder.Fold(node);
            if (decoded is not null && Indicators.IsDangerous(decoded))
            {
                sink.Add(Hidden, unit, node, $"{name} decodes to \"{Snippets.Trim(decoded)}\"");
            }
            return;
        }
        var isImport = name is "require" or "__import__" or "importlib.import_module" || function.Type == "import";
        if (isImport && arguments.NamedChildCount >= 1)
        {
            var argument = arguments.NamedChild(0);
            var literal = StringFolder.Literal(argument);
            if (literal is not null && StringFolder.EscapeCount(argument.Text) == 0)
            {
                if (name == "__import__" && Indicators.IsDangerous(literal))
                {
                    sink.Add(Hidden, unit, node, $"__import__(\"{literal}\") loads a dangerous module without an import statement", Severity.High);
                }
                return;
            }
            var folded = StringFolder.Fold(argument);
            if (folded is not null && Indicators.IsDangerous(folded))
            {
                sink.Add(Hidden, unit, node, $"{name} of a computed name that resolves to \"{folded}\"");
            }
            else if (argument.Type is not ("call_expression" or "call") || !argument.Text.Contains("join(", StringComparison.Ordinal))
            {
                sink.Add(ComputedImport, unit, node, $"{name} of a computed name");
            }
            return;
        }
        if (name == "getattr" && arguments.NamedChildCount >= 2)
        {
            var attribute = arguments.NamedChild(1);
            var folded = StringFolder.Fold(attribute);
            if (folded is not null && Indicators.IsDangerous(folded) && (attribute.Type != "string" || StringFolder.EscapeCount(attribute.Text) > 0))
            {
                sink.Add(Hidden, unit, node, $"getattr of a computed name that resolves to \"{folded}\"");
            }
        }
    }

    /// <summary>The function's text, or only its end when longer: decoding each link of a 10,000-call chain is quadratic.</summary>
    private static string NameOf(SyntaxNode function)
    {
        var text = function.Utf8Text;
        return Encoding.UTF8.GetString(text.Length <= MaxNameBytes ? text : text[^MaxNameBytes..]);
    }
}
