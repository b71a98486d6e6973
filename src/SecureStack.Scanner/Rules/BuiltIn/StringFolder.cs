using System.Globalization;
using System.Text;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Evaluates constant string expressions the way obfuscated code builds names: literals with escapes,
/// <c>+</c> chains, <c>String.fromCharCode</c>, <c>[..].join()</c>, Python <c>chr()</c>. Returns null for anything else.
/// </summary>
internal static class StringFolder
{
    private const int MaxDepth = 48;
    private const int MaxLength = 4096;

    public static string? Fold(SyntaxNode node) => Fold(node, 0);

    /// <summary>The value of a string literal with its escapes resolved.</summary>
    public static string? Literal(SyntaxNode node)
    {
        var text = node.Text;
        switch (node.Type)
        {
            case "string" when text.Length >= 2:
                var quote = text.IndexOfAny(['"', '\'']);
                if (quote < 0)
                {
                    return null;
                }
                var open = text[quote];
                var tripled = text.AsSpan(quote).StartsWith(new string(open, 3));
                var width = tripled ? 3 : 1;
                var body = text.Length - quote - (2 * width) >= 0 ? text.Substring(quote + width, text.Length - quote - (2 * width)) : string.Empty;
                // Python raw strings keep their backslashes.
                return text[..quote].Contains('r', StringComparison.OrdinalIgnoreCase) ? body : Unescape(body);
            case "template_string" when text.Length >= 2 && !text.Contains("${", StringComparison.Ordinal):
                return Unescape(text[1..^1]);
            case "ansi_c_string" when text.Length >= 3:
                return Unescape(text[2..^1]);
            case "raw_string" when text.Length >= 2:
                return text[1..^1];
            default:
                return null;
        }
    }

    public static int EscapeCount(string literalText)
    {
        var count = 0;
        for (var i = 0; i + 1 < literalText.Length; i++)
        {
            if (literalText[i] == '\\' && literalText[i + 1] is 'x' or 'u' or 'U' or '0' or '1')
            {
                count++;
            }
        }
        return count;
    }

    private static string? Fold(SyntaxNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }
        switch (node.Type)
        {
            case "string" or "template_string" or "ansi_c_string" or "raw_string":
                return Literal(node);
            case "parenthesized_expression" when node.NamedChildCount == 1:
                return Fold(node.NamedChild(0), depth + 1);
            case "binary_expression" or "binary_operator":
                return FoldConcatenation(node, depth);
            case "concatenated_string":
                return Join(Enumerable.Range(0, node.NamedChildCount).Select(i => node.NamedChild(i)), string.Empty, depth);
            case "call_expression" or "call":
                return FoldCall(node, depth);
            case "subscript":
                return DecoderFolding.Subscript(node, n => Fold(n, depth + 1));
            default:
                return null;
        }
    }

    private static string? FoldConcatenation(SyntaxNode node, int depth)
    {
        // Walk the left spine iteratively: long "a"+"b"+"c"… chains nest to the left.
        var rights = new Stack<SyntaxNode>();
        var current = node;
        while (current.Type is "binary_expression" or "binary_operator")
        {
            if (current.ChildByField("operator") is var op && (op.IsNull || op.Text != "+"))
            {
                return null;
            }
            rights.Push(current.ChildByField("right"));
            current = current.ChildByField("left");
            if (rights.Count > MaxLength)
            {
                return null;
            }
        }
        var builder = new StringBuilder(Fold(current, depth + 1) ?? string.Empty);
        if (builder.Length == 0 && Fold(current, depth + 1) is null)
        {
            return null;
        }
        while (rights.Count > 0)
        {
            var part = Fold(rights.Pop(), depth + 1);
            if (part is null || builder.Length + part.Length > MaxLength)
            {
                return null;
            }
            builder.Append(part);
        }
        return builder.ToString();
    }

    private static string? FoldCall(SyntaxNode node, int depth)
    {
        var function = node.ChildByField("function");
        var arguments = node.ChildByField("arguments");
        if (function.IsNull || arguments.IsNull)
        {
            return null;
        }
        var name = function.Text;
        if (name.EndsWith("fromCharCode", StringComparison.Ordinal) || name is "chr")
        {
            var builder = new StringBuilder();
            for (var i = 0; i < arguments.NamedChildCount; i++)
            {
                var argument = arguments.NamedChild(i);
                if (!TryNumber(argument.Text, out var code) || code is < 0 or > 0x10FFFF)
                {
                    return null;
                }
                builder.Append(char.ConvertFromUtf32(code));
            }
            return builder.ToString();
        }
        if (function.Type == "member_expression" && function.ChildByField("property").Text == "join")
        {
            var array = function.ChildByField("object");
            if (array.Type == "array")
            {
                var separator = arguments.NamedChildCount == 0 ? "," : Fold(arguments.NamedChild(0), depth + 1);
                return separator is null ? null : Join(Enumerable.Range(0, array.NamedChildCount).Select(i => array.NamedChild(i)), separator, depth);
            }
        }
        if (function.Type == "attribute" && function.ChildByField("attribute").Text == "join" && arguments.NamedChildCount == 1)
        {
            var separator = Fold(function.ChildByField("object"), depth + 1);
            var list = arguments.NamedChild(0);
            if (separator is not null && list.Type is "list" or "tuple")
            {
                return Join(Enumerable.Range(0, list.NamedChildCount).Select(i => list.NamedChild(i)), separator, depth);
            }
        }
        return DecoderFolding.Call(function, arguments, name, n => Fold(n, depth + 1));
    }

    private static string? Join(IEnumerable<SyntaxNode> parts, string separator, int depth)
    {
        var values = new List<string>();
        foreach (var part in parts)
        {
            if (part.Type is "comment")
            {
                continue;
            }
            var value = Fold(part, depth + 1);
            if (value is null)
            {
                return null;
            }
            values.Add(value);
        }
        return string.Join(separator, values);
    }

    private static bool TryNumber(string text, out int value)
    {
        text = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
        }
        if (text.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            foreach (var c in text.AsSpan(2))
            {
                if (c is < '0' or > '7')
                {
                    return false;
                }
                value = (value * 8) + (c - '0');
            }
            return true;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Resolves JS, Python and bash $'…' escapes; unknown escapes keep the character.</summary>
    public static string Unescape(string body)
    {
        if (!body.Contains('\\'))
        {
            return body;
        }
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                builder.Append(c);
                continue;
            }
            var next = body[++i];
            switch (next)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'x' when i + 2 < body.Length + 0 && Hex(body, i + 1, 2) is { } x:
                    builder.Append((char)x); i += 2; break;
                case 'u' when i + 1 < body.Length && body[i + 1] == '{' && body.IndexOf('}', i) is var close and > 0 && Hex(body, i + 2, close - i - 2) is { } cp and <= 0x10FFFF:
                    builder.Append(char.ConvertFromUtf32(cp)); i = close; break;
                case 'u' when Hex(body, i + 1, 4) is { } u:
                    builder.Append((char)u); i += 4; break;
                case 'U' when Hex(body, i + 1, 8) is { } big and <= 0x10FFFF:
                    builder.Append(char.ConvertFromUtf32(big)); i += 8; break;
                case >= '0' and <= '7':
                    var end = i;
                    var octal = 0;
                    while (end < body.Length && end < i + 3 && body[end] is >= '0' and <= '7')
                    {
                        octal = (octal * 8) + (body[end] - '0');
                        end++;
                    }
                    builder.Append((char)octal);
                    i = end - 1;
                    break;
                default: builder.Append(next); break;
            }
        }
        return builder.ToString();
    }

    private static int? Hex(string text, int start, int length)
    {
        if (length <= 0 || start + length > text.Length)
        {
            return null;
        }
        return int.TryParse(text.AsSpan(start, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
