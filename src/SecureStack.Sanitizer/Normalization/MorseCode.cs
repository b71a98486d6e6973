using System.Collections.Frozen;
using System.Text;

namespace SecureStack.Sanitizer.Normalization;

/// <summary>Decodes runs of Morse code (". -" with spaces between letters, two spaces or "/" between words).</summary>
internal static class MorseCode
{
    private const int MinSymbols = 20;

    private static readonly FrozenDictionary<string, char> Letters = new Dictionary<string, char>
    {
        [".-"] = 'a', ["-..."] = 'b', ["-.-."] = 'c', ["-.."] = 'd', ["."] = 'e', ["..-."] = 'f', ["--."] = 'g',
        ["...."] = 'h', [".."] = 'i', [".---"] = 'j', ["-.-"] = 'k', [".-.."] = 'l', ["--"] = 'm', ["-."] = 'n',
        ["---"] = 'o', [".--."] = 'p', ["--.-"] = 'q', [".-."] = 'r', ["..."] = 's', ["-"] = 't', ["..-"] = 'u',
        ["...-"] = 'v', [".--"] = 'w', ["-..-"] = 'x', ["-.--"] = 'y', ["--.."] = 'z', ["-----"] = '0',
        [".----"] = '1', ["..---"] = '2', ["...--"] = '3', ["....-"] = '4', ["....."] = '5', ["-...."] = '6',
        ["--..."] = '7', ["---.."] = '8', ["----."] = '9', [".-.-.-"] = '.', ["--..--"] = ',', ["..--.."] = '?',
        [".----."] = '\'', ["-.-.--"] = '!', ["---..."] = ':',
    }.ToFrozenDictionary();

    public static bool IsSymbol(char c) => c is '.' or '-' or '/' or ' ' or '·' or '−' or '_';

    /// <summary>Decodes <paramref name="run"/> when it is long enough and nearly every letter is valid Morse.</summary>
    public static bool TryDecode(ReadOnlySpan<char> run, out string text)
    {
        text = "";
        var dots = 0;
        var dashes = 0;
        foreach (var c in run)
        {
            dots += c is '.' or '·' ? 1 : 0;
            dashes += c is '-' or '−' or '_' ? 1 : 0;
        }

        if (dots + dashes < MinSymbols || dots == 0 || dashes == 0)
        {
            return false;
        }

        var output = new StringBuilder(run.Length / 3);
        var letter = new StringBuilder(8);
        var spaces = 0;
        var unknown = 0;
        foreach (var c in run)
        {
            if (c is ' ' or '/')
            {
                unknown += Flush(letter, output) ? 0 : 1;

                spaces += c == '/' ? 2 : 1;
                continue;
            }

            if (spaces >= 2 && output.Length > 0 && output[^1] != ' ')
            {
                output.Append(' ');
            }

            spaces = 0;
            letter.Append(c switch { '·' => '.', '−' or '_' => '-', _ => c });
        }

        unknown += Flush(letter, output) ? 0 : 1;
        text = output.ToString().Trim();
        // A few unknown codes (rare punctuation) are tolerated; mostly unknown codes mean it is not Morse.
        return text.Length >= 4 && unknown * 5 <= text.Length;
    }

    private static bool Flush(StringBuilder letter, StringBuilder output)
    {
        if (letter.Length == 0)
        {
            return true;
        }

        var known = Letters.TryGetValue(letter.ToString(), out var c);
        output.Append(known ? c : '?');
        letter.Clear();
        return known;
    }
}
