using System.Text;
using System.Text.Unicode;

namespace SecureStack.Sanitizer.Normalization;

/// <summary>
/// Finds base64, hex and Morse runs whose decoded bytes are readable text, so the text can be inspected too.
/// Runs that decode to binary (hashes, images, ciphertext) are left alone.
/// </summary>
internal static class EncodedSegments
{
    private const int MinBase64Chars = 16;
    private const int MinHexChars = 16;
    private const int MinHexPairs = 8;

    public static List<HiddenText> Find(string s, int maxSegments)
    {
        var found = new List<HiddenText>();
        var i = 0;
        while (i < s.Length && found.Count < maxSegments)
        {
            if (s[i] is '.' or '-' or '·' or '−' or '_' && (i == 0 || !MorseCode.IsSymbol(s[i - 1])))
            {
                var morseEnd = i;
                while (morseEnd < s.Length && MorseCode.IsSymbol(s[morseEnd]))
                {
                    morseEnd++;
                }

                if (MorseCode.TryDecode(s.AsSpan(i, morseEnd - i), out var morse))
                {
                    found.Add(new HiddenText(morse, i, morseEnd, "morse"));
                    i = morseEnd;
                    continue;
                }
            }

            if (!IsBase64Char(s[i]) || (i > 0 && IsBase64Char(s[i - 1])))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < s.Length && IsBase64Char(s[end]))
            {
                end++;
            }

            var padded = end;
            while (padded < s.Length && padded - end < 2 && s[padded] == '=')
            {
                padded++;
            }

            if (TryHexPairs(s, i, out var pairsEnd, out var pairsText))
            {
                found.Add(new HiddenText(pairsText, i, pairsEnd, "hex"));
                i = pairsEnd;
                continue;
            }

            var run = s.AsSpan(i, end - i);
            if (run.Length >= MinHexChars && run.Length % 2 == 0 && IsAllHex(run) && TryReadable(Convert.FromHexString(run), out var hexText))
            {
                found.Add(new HiddenText(hexText, i, end, "hex"));
            }
            else if (run.Length >= MinBase64Chars && LooksLikeBase64(run) && TryBase64(run, out var b64Text))
            {
                found.Add(new HiddenText(b64Text, i, padded, "base64"));
            }

            i = Math.Max(padded, i + 1);
        }

        return found;
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_';

    private static bool IsAllHex(ReadOnlySpan<char> run)
    {
        foreach (var c in run)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Words and paths are base64 alphabet too; real base64 of text mixes cases.</summary>
    private static bool LooksLikeBase64(ReadOnlySpan<char> run)
    {
        bool upper = false, lower = false;
        foreach (var c in run)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
        }

        return upper && lower;
    }

    private static bool TryBase64(ReadOnlySpan<char> run, out string text)
    {
        text = "";
        var length = run.Length + ((4 - (run.Length % 4)) % 4);
        if (run.Length % 4 == 1)
        {
            return false;
        }

        Span<char> standard = length <= 4096 ? stackalloc char[length] : new char[length];
        for (var k = 0; k < length; k++)
        {
            standard[k] = k >= run.Length ? '=' : run[k] switch { '-' => '+', '_' => '/', var c => c };
        }

        var bytes = new byte[length / 4 * 3];
        return Convert.TryFromBase64Chars(standard, bytes, out var written) && TryReadable(bytes.AsSpan(0, written), out text);
    }

    /// <summary>"69 67 6e 6f 72 65 ..." or "69:67:6e:..." (at least eight pairs).</summary>
    private static bool TryHexPairs(string s, int start, out int end, out string text)
    {
        end = start;
        text = "";
        var bytes = new List<byte>();
        var i = start;
        var separator = '\0';
        while (i + 1 < s.Length && char.IsAsciiHexDigit(s[i]) && char.IsAsciiHexDigit(s[i + 1])
            && (i + 2 >= s.Length || !char.IsAsciiLetterOrDigit(s[i + 2])))
        {
            bytes.Add((byte)Convert.ToInt32(s.Substring(i, 2), 16));
            end = i + 2;
            if (end >= s.Length || (separator != '\0' && s[end] != separator) || s[end] is not (' ' or ':' or ','))
            {
                break;
            }

            separator = s[end];
            i = end + 1;
        }

        return bytes.Count >= MinHexPairs && TryReadable(bytes.ToArray(), out text);
    }

    private static bool TryReadable(ReadOnlySpan<byte> bytes, out string text)
    {
        text = "";
        if (bytes.Length < 4 || !Utf8.IsValid(bytes))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var letters = 0;
        foreach (var c in decoded)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }

            letters += char.IsLetter(c) ? 1 : 0;
        }

        if (letters * 2 < decoded.Length)
        {
            return false;
        }

        text = decoded;
        return true;
    }
}
