namespace SecureStack.Scanner.Skills;

/// <summary>Keeps report snippets short and printable.</summary>
internal static class Snippets
{
    private const int MaxLength = 160;

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
}
