using System.Text;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// The decoders obfuscated code wraps a name in so that no literal shows it: rot13, base64, hex, reversed strings
/// and character-code joins (<c>codecs.decode(s, 'rot13')</c>, <c>base64.b64decode(s).decode()</c>, <c>s[::-1]</c>,
/// <c>''.join(map(chr, [...]))</c>, <c>atob(s)</c>, <c>Buffer.from(s, 'base64').toString()</c>, <c>s.split('').reverse().join('')</c>).
/// Folding them lets the obfuscation rule see the name a computed import or call resolves to.
/// </summary>
internal static class DecoderFolding
{
    private const int MaxCodes = 4096;

    /// <summary>True when a call of this name is one of the decoders folded here.</summary>
    public static bool IsDecoder(string name) =>
        name is "codecs.decode" or "codecs.encode" or "atob" or "base64.b64decode" or "base64.standard_b64decode" or "base64.urlsafe_b64decode"
            or "base64.b32decode" or "base64.b16decode" or "binascii.unhexlify" or "binascii.a2b_hex" or "bytes.fromhex" or "binascii.a2b_base64";

    /// <summary>The decoded text of a decoder call, or null when the call is not one or its input is not constant.</summary>
    public static string? Call(SyntaxNode function, SyntaxNode arguments, string name, Func<SyntaxNode, string?> fold)
    {
        if (IsDecoder(name) && arguments.NamedChildCount >= 1)
        {
            var input = fold(arguments.NamedChild(0));
            if (input is null)
            {
                return null;
            }
            var codec = arguments.NamedChildCount >= 2 ? fold(arguments.NamedChild(1))?.ToLowerInvariant().Replace('-', '_') : null;
            return name switch
            {
                "codecs.decode" or "codecs.encode" => codec switch
                {
                    "rot13" or "rot_13" => Rot13(input),
                    "hex" or "hex_codec" => FromHex(input),
                    "base64" or "base64_codec" => FromBase64(input),
                    _ => null,
                },
                "base64.b16decode" or "binascii.unhexlify" or "binascii.a2b_hex" or "bytes.fromhex" => FromHex(input),
                "base64.b32decode" => FromBase32(input),
                _ => FromBase64(input),
            };
        }
        var member = function.Type is "attribute" ? function.ChildByField("attribute") : function.Type is "member_expression" ? function.ChildByField("property") : default;
        var receiver = function.Type is "attribute" or "member_expression" ? function.ChildByField("object") : default;
        if (member.IsNull || receiver.IsNull)
        {
            return null;
        }
        switch (member.Text)
        {
            // bytes.decode() and Buffer.toString(): the folded value already is the text.
            case "decode" or "toString" when receiver.Type is "call" or "call_expression":
                return BufferFrom(receiver, fold) ?? fold(receiver);
            // ''.join(chr(c) for c in [...]): a bare generator is the call's whole argument list.
            case "join" when function.Type == "attribute" && arguments.Type == "generator_expression":
                return JoinCodes(fold(receiver), arguments);
            case "join" when arguments.NamedChildCount == 1 && function.Type == "attribute":
                return JoinCodes(fold(receiver), arguments.NamedChild(0));
            case "join" when function.Type == "member_expression" && receiver.Type == "call_expression":
                return ReversedSplit(receiver, arguments, fold);
            default:
                return null;
        }
    }

    /// <summary><c>"ssecorpbus"[::-1]</c>.</summary>
    public static string? Subscript(SyntaxNode node, Func<SyntaxNode, string?> fold)
    {
        var slice = node.ChildByField("subscript");
        if (slice.IsNull || slice.Type != "slice" || slice.Text.Replace(" ", string.Empty, StringComparison.Ordinal) != "::-1")
        {
            return null;
        }
        var value = fold(node.ChildByField("value"));
        return value is null ? null : Reverse(value);
    }

    private static string? BufferFrom(SyntaxNode call, Func<SyntaxNode, string?> fold)
    {
        var function = call.ChildByField("function");
        var arguments = call.ChildByField("arguments");
        if (function.IsNull || arguments.IsNull || function.Text != "Buffer.from" || arguments.NamedChildCount != 2)
        {
            return null;
        }
        var input = fold(arguments.NamedChild(0));
        return input is null ? null : fold(arguments.NamedChild(1)) switch
        {
            "base64" or "base64url" => FromBase64(input),
            "hex" => FromHex(input),
            _ => null,
        };
    }

    /// <summary><c>''.join(map(chr, [...]))</c>, <c>''.join(chr(c) for c in [...])</c>, <c>''.join([chr(c) for c in [...]])</c>.</summary>
    private static string? JoinCodes(string? separator, SyntaxNode argument)
    {
        if (separator is null)
        {
            return null;
        }
        SyntaxNode list = default;
        if (argument.Type == "call" && argument.ChildByField("function").Text == "map"
            && argument.ChildByField("arguments") is var mapArguments && mapArguments.NamedChildCount == 2 && mapArguments.NamedChild(0).Text == "chr")
        {
            list = mapArguments.NamedChild(1);
        }
        else if (argument.Type is "generator_expression" or "list_comprehension" && argument.ChildByField("body") is var body && !body.IsNull
            && body.Type == "call" && body.ChildByField("function").Text == "chr")
        {
            for (var i = 0; i < argument.NamedChildCount; i++)
            {
                if (argument.NamedChild(i) is { Type: "for_in_clause" } clause)
                {
                    list = clause.ChildByField("right");
                }
            }
        }
        if (list.IsNull || list.Type is not ("list" or "tuple") || list.NamedChildCount > MaxCodes)
        {
            return null;
        }
        var codes = new List<string>();
        for (var i = 0; i < list.NamedChildCount; i++)
        {
            if (!int.TryParse(list.NamedChild(i).Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code)
                || code is < 0 or > 0x10FFFF)
            {
                return null;
            }
            codes.Add(char.ConvertFromUtf32(code));
        }
        return string.Join(separator, codes);
    }

    /// <summary><c>"ssecorp_dlihc".split("").reverse().join("")</c>.</summary>
    private static string? ReversedSplit(SyntaxNode reverseCall, SyntaxNode joinArguments, Func<SyntaxNode, string?> fold)
    {
        var reverse = reverseCall.ChildByField("function");
        if (reverse.Type != "member_expression" || reverse.ChildByField("property").Text != "reverse")
        {
            return null;
        }
        var splitCall = reverse.ChildByField("object");
        var split = splitCall.Type == "call_expression" ? splitCall.ChildByField("function") : default;
        if (split.IsNull || split.Type != "member_expression" || split.ChildByField("property").Text != "split")
        {
            return null;
        }
        var splitArguments = splitCall.ChildByField("arguments");
        var separator = splitArguments.NamedChildCount == 1 ? fold(splitArguments.NamedChild(0)) : null;
        var joiner = joinArguments.NamedChildCount == 1 ? fold(joinArguments.NamedChild(0)) : null;
        var value = fold(split.ChildByField("object"));
        return separator == string.Empty && joiner == string.Empty && value is not null ? Reverse(value) : null;
    }

    private static string Reverse(string value)
    {
        var chars = value.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static string Rot13(string value) => string.Create(value.Length, value, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
                >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
                _ => c,
            };
        }
    });

    private static string? FromHex(string value)
    {
        var hex = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (hex.Length % 2 != 0)
        {
            return null;
        }
        try
        {
            return Text(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? FromBase64(string value)
    {
        var normalized = value.Trim().Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight((normalized.Length + 3) / 4 * 4, '=');
        var bytes = new byte[normalized.Length];
        return Convert.TryFromBase64String(normalized, bytes, out var written) ? Text(bytes.AsSpan(0, written)) : null;
    }

    private static string? FromBase32(string value)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in value.TrimEnd('='))
        {
            var index = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }
            buffer = ((buffer << 5) | index) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)((buffer >> bits) & 0xFF));
            }
        }
        return Text([.. output]);
    }

    private static string? Text(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
