using System.Text;

namespace SecureStack.Scanner.Skills;

/// <summary>Keeps report snippets short and printable.</summary>
internal static class Snippets
{
    private const int MaxLength = 160;

    // Enough UTF-8 for MaxLength characters and the whitespace Trim removes around them.
    private const int MaxLineBytes = 1024;

    public static string Trim(string text)
    {
        var span = text.AsSpan().Trim();
        var chars = new char[Math.Min(span.Length, MaxLength)];
        for (var i = 0; i < chars.Length; i++)
        {
            // Invisible and control characters are what an attacker hides; show them as escapes.
            var c = span[i];
            chars[i] = char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u200B' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2060' and <= '\u2069' ? '·' : c;
        }
        var result = new string(chars);
        return span.Length > MaxLength ? result + "…" : result;
    }

    /// <summary>The trimmed first line of UTF-8 text; decodes only the part a snippet can show.</summary>
    public static string FirstLine(ReadOnlySpan<byte> utf8)
    {
        // A node spanning 10,000 nested calls is reported at each level: decoding all of it each time is quadratic.
        var newline = utf8.IndexOf((byte)'\n');
        var line = newline < 0 ? utf8 : utf8[..newline];
        if (line.Length <= MaxLineBytes)
        {
            return Trim(Encoding.UTF8.GetString(line));
        }
        var snippet = Trim(Encoding.UTF8.GetString(line[..MaxLineBytes]));
        return snippet.EndsWith('…') ? snippet : snippet + "…";
    }
}
