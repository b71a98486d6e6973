using System.Text;
using CsCheck;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>Generators of hostile text shared by the properties.</summary>
internal static class FuzzGen
{
    /// <summary>Code points the normaliser removes for matching (zero-width and bidi controls).</summary>
    public static readonly char[] Invisible =
        ['\u200B', '\u200C', '\u200D', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

    /// <summary>Latin letters and look-alikes from other scripts and forms (Cyrillic, Greek, fullwidth).</summary>
    public static readonly (char Latin, char LookAlike)[] Confusables =
    [
        ('a', '\u0430'), ('e', '\u0435'), ('o', '\u043E'), ('p', '\u0440'), ('c', '\u0441'), ('x', '\u0445'), ('y', '\u0443'),
        ('i', '\u0456'), ('s', '\u0455'), ('o', '\u03BF'), ('a', '\uFF41'), ('e', '\uFF45'), ('i', '\uFF49'), ('n', '\uFF4E'),
        ('r', '\uFF52'), ('t', '\uFF54'), ('u', '\uFF55'), ('s', '\uFF53'),
    ];

    private static readonly string[] Words =
    [
        "the", "weather", "today", "please", "summarise", "report", "meeting", "notes", "from", "yesterday", "and", "list",
        "three", "action", "items", "thanks", "budget", "for", "quarter", "draft", "an", "email", "to", "team", "about", "lunch",
    ];

    /// <summary>One UTF-16 unit, biased towards what breaks text handling: invisibles, confusables, bidi, lone surrogates, controls.</summary>
    public static readonly Gen<char> HostileChar = Gen.Frequency(
        (10, Gen.Char[' ', '~']),
        (2, Gen.Char["\n\r\t "]),
        (2, Gen.OneOfConst(Invisible)),
        (2, Gen.OneOfConst(Confusables.Select(c => c.LookAlike).ToArray())),
        (1, Gen.Char['\uD800', '\uDFFF']),
        (1, Gen.Char['\0', '\u001F']),
        (1, Gen.OneOfConst('<', '|', '>', '[', ']', '#', '\\', '"', '{', '}', '=', '+', '/', '%')),
        (2, Gen.Char));

    /// <summary>Strings of <see cref="HostileChar"/>, lone surrogates included.</summary>
    public static readonly Gen<string> HostileString = HostileChar.Array[0, 300].Select(a => new string(a));

    /// <summary>Unicode tag characters (invisible ASCII), as surrogate pairs.</summary>
    public static readonly Gen<string> TagRun = Gen.Char[' ', '~'].Array[1, 20].Select(a =>
        string.Concat(a.Select(c => char.ConvertFromUtf32(0xE0000 + c))));

    /// <summary>Plain words joined by spaces: text no rule should care about.</summary>
    public static readonly Gen<string> Benign = Gen.OneOfConst(Words).Array[0, 12].Select(w => string.Join(' ', w));

    /// <summary>The text as a C# literal with everything outside printable ASCII escaped, for failure reports.</summary>
    public static string Quote(string text) =>
        "\"" + string.Concat(text.Select(c => c is >= ' ' and <= '~' && c != '"' && c != '\\' ? c.ToString() : $"\\u{(int)c:X4}")) + "\"";

    /// <summary>Inserts <paramref name="insert"/> into <paramref name="text"/> at a position chosen by <paramref name="at"/> in [0,1).</summary>
    public static string InsertAt(string text, double at, string insert)
    {
        var position = (int)(at * (text.Length + 1));
        return text.Insert(Math.Clamp(position, 0, text.Length), insert);
    }

    /// <summary>The string as a JSON string literal with every character escaped at random (\uXXXX, short escapes, raw).</summary>
    public static string JsonLiteral(string value, ulong choices)
    {
        var builder = new StringBuilder("\"");
        var bits = choices;
        foreach (var c in value)
        {
            var escape = (bits & 1) == 1;
            bits = (bits >> 1) | (bits << 63);
            if (c is '"' or '\\' || char.IsControl(c) || char.IsSurrogate(c) || escape)
            {
                builder.Append(c switch
                {
                    '"' when !escape => "\\\"",
                    '\\' when !escape => "\\\\",
                    '\n' when !escape => "\\n",
                    '/' => "\\/",
                    _ => $"\\u{(int)c:X4}",
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
