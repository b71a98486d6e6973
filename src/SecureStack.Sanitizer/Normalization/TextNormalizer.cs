using System.Globalization;
using System.Text;

namespace SecureStack.Sanitizer.Normalization;

/// <summary>
/// Turns raw text into the canonical view the rules match: HTML entities, percent-escapes and
/// <c>\x</c>/<c>\u</c> escapes decoded; zero-width, bidi, variation-selector and tag characters removed
/// (tag and variation-selector payloads decoded into <see cref="HiddenText"/>); compatibility
/// decomposition (NFKD) with combining marks dropped, so "é" matches "e"; lower case; homoglyphs and
/// leetspeak folded inside words; spaced-out letters joined; whitespace runs collapsed.
/// Every view character maps back to its span in the original, so a match can be cut out exactly.
/// </summary>
internal static class TextNormalizer
{
    private const int MinSpacedLetters = 4;
    private const int MinSmuggledBytes = 4;

    public static NormalizedInput Normalize(string original)
    {
        var hidden = new List<HiddenText>();
        var decoded = Decode(original, hidden, out var invisible);
        FoldWords(decoded);
        var joined = JoinSpacedLetters(decoded);
        var view = CollapseWhitespace(joined);
        return new NormalizedInput(view, Compact(view), hidden, invisible);
    }

    /// <summary>The view with only letters and digits, against words split by spaces or punctuation.</summary>
    private static MappedText Compact(MappedText view)
    {
        var builder = new MappedTextBuilder(view.Text.Length);
        for (var i = 0; i < view.Text.Length; i++)
        {
            if (char.IsLetterOrDigit(view.Text[i]))
            {
                builder.Append(view.Text[i], view.Starts[i], view.Ends[i]);
            }
        }

        return builder.ToMappedText();
    }

    private static MappedTextBuilder Decode(string s, List<HiddenText> hidden, out int invisible)
    {
        var output = new MappedTextBuilder(s.Length);
        var tags = new StringBuilder();
        var tagStart = -1;
        var tagEnd = -1;
        var smuggled = new List<byte>();
        var smuggleStart = -1;
        var smuggleEnd = -1;
        invisible = 0;
        Span<char> utf16 = stackalloc char[2];

        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            int codePoint;
            if (TryDecodeEscape(s, ref i, out var escaped))
            {
                codePoint = escaped;
            }
            else
            {
                if (Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    consumed = 1;
                }

                codePoint = rune.Value;
                i += consumed;
            }

            var kind = InvisibleCharacters.Classify(codePoint);
            if (kind == InvisibleKind.UnicodeTag)
            {
                invisible++;
                if (codePoint is >= 0xE0020 and <= 0xE007E)
                {
                    tagStart = tagStart < 0 ? start : tagStart;
                    tagEnd = i;
                    tags.Append((char)(codePoint - 0xE0000));
                }

                continue;
            }

            if (kind == InvisibleKind.VariationSelector)
            {
                invisible++;
                var b = InvisibleCharacters.VariationSelectorByte(codePoint);
                if (b >= 0)
                {
                    smuggleStart = smuggleStart < 0 ? start : smuggleStart;
                    smuggleEnd = i;
                    smuggled.Add((byte)b);
                }

                continue;
            }

            if (kind != InvisibleKind.None)
            {
                invisible++;
                continue;
            }

            FlushTags(tags, ref tagStart, tagEnd, hidden);
            FlushSmuggled(smuggled, ref smuggleStart, smuggleEnd, hidden);
            AppendFolded(output, codePoint, start, i, utf16);
        }

        FlushTags(tags, ref tagStart, tagEnd, hidden);
        FlushSmuggled(smuggled, ref smuggleStart, smuggleEnd, hidden);
        return output;
    }

    private static void FlushTags(StringBuilder tags, ref int start, int end, List<HiddenText> hidden)
    {
        if (tags.Length > 0)
        {
            hidden.Add(new HiddenText(tags.ToString(), start, end, "unicode-tags"));
            tags.Clear();
        }

        start = -1;
    }

    private static void FlushSmuggled(List<byte> bytes, ref int start, int end, List<HiddenText> hidden)
    {
        if (bytes.Count >= MinSmuggledBytes)
        {
            var text = Encoding.UTF8.GetString(bytes.ToArray());
            hidden.Add(new HiddenText(text, start, end, "variation-selectors"));
        }

        bytes.Clear();
        start = -1;
    }

    /// <summary>Decomposes one code point, drops combining marks, lower-cases, and appends the result.</summary>
    private static void AppendFolded(MappedTextBuilder output, int codePoint, int start, int end, Span<char> utf16)
    {
        if (codePoint < 0x80)
        {
            var c = (char)codePoint;
            output.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c, start, end);
            return;
        }

        if (Rune.IsWhiteSpace(new Rune(codePoint)))
        {
            output.Append(codePoint is 0x2028 or 0x2029 or 0x85 ? '\n' : ' ', start, end);
            return;
        }

        if (codePoint == 'ß' || codePoint == 'ẞ')
        {
            output.Append('s', start, end);
            output.Append('s', start, end);
            return;
        }

        var folded = FoldTable.Fold(codePoint);
        if (folded is null)
        {
            var length = new Rune(codePoint).EncodeToUtf16(utf16);
            if (length == 1)
            {
                var category = char.GetUnicodeCategory(utf16[0]);
                if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) || codePoint >= 0x0590)
                {
                    output.Append(Punctuation(char.ToLowerInvariant(utf16[0])), start, end);
                }

                return;
            }

            var lower = Rune.ToLowerInvariant(new Rune(codePoint));
            length = lower.EncodeToUtf16(utf16);
            for (var k = 0; k < length; k++)
            {
                output.Append(utf16[k], start, end);
            }

            return;
        }

        foreach (var c in folded)
        {
            output.Append(Punctuation(c), start, end);
        }
    }

    /// <summary>Typographic quotes and dashes as their ASCII forms, so rules need one spelling.</summary>
    private static char Punctuation(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201B' or '\u2032' or '\u02BC' or '\u00B4' or '`' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        _ => c,
    };

    /// <summary>Decodes <c>&amp;#105;</c>, <c>&amp;lt;</c>, <c>%69</c>, <c>\x69</c> and <c>\u0069</c> at <paramref name="i"/>.</summary>
    private static bool TryDecodeEscape(string s, ref int i, out int codePoint)
    {
        codePoint = 0;
        var c = s[i];
        if (c == '&')
        {
            return TryDecodeEntity(s, ref i, out codePoint);
        }

        if (c == '%' && TryHex(s, i + 1, 2, out var b) && b < 0x80)
        {
            codePoint = b;
            i += 3;
            return true;
        }

        if (c == '\\' && i + 1 < s.Length)
        {
            if (s[i + 1] is 'x' or 'X' && TryHex(s, i + 2, 2, out var x))
            {
                codePoint = x;
                i += 4;
                return true;
            }

            if (s[i + 1] == 'u' && TryHex(s, i + 2, 4, out var u) && !char.IsSurrogate((char)u))
            {
                codePoint = u;
                i += 6;
                return true;
            }
        }

        return false;
    }

    private static bool TryDecodeEntity(string s, ref int i, out int codePoint)
    {
        codePoint = 0;
        var semicolon = s.IndexOf(';', i + 1, Math.Min(12, s.Length - i - 1));
        if (semicolon < 0)
        {
            return false;
        }

        var body = s.AsSpan(i + 1, semicolon - i - 1);
        if (body.Length >= 2 && body[0] == '#')
        {
            var isHex = body[1] is 'x' or 'X';
            var digits = isHex ? body[2..] : body[1..];
            if (!int.TryParse(digits, isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value is <= 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            {
                return false;
            }

            codePoint = value;
        }
        else
        {
            codePoint = body switch
            {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "colon" => ':',
                "sol" => '/',
                "vert" or "verbar" => '|',
                "lsqb" or "lbrack" => '[',
                "rsqb" or "rbrack" => ']',
                "num" => '#',
                "lowbar" => '_',
                "excl" => '!',
                _ => 0,
            };
            if (codePoint == 0)
            {
                return false;
            }
        }

        i = semicolon + 1;
        return true;
    }

    private static bool TryHex(string s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (var k = at; k < at + count; k++)
        {
            var digit = HexValue(s[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Folds homoglyphs and leetspeak inside each word (a run without whitespace), in place.</summary>
    private static void FoldWords(MappedTextBuilder text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            FoldWord(text, i, end);
            i = end;
        }
    }

    private static void FoldWord(MappedTextBuilder text, int start, int end)
    {
        var latin = 0;
        var letters = 0;
        var confusable = 0;
        for (var k = start; k < end; k++)
        {
            var c = text[k];
            if (c is >= 'a' and <= 'z')
            {
                latin++;
            }

            if (char.IsLetter(c))
            {
                letters++;
                if (Confusables.TryFold(c, out _))
                {
                    confusable++;
                }
            }
        }

        // A word of another script is left alone unless every letter is a Latin look-alike.
        var foldConfusables = confusable > 0 && (latin > 0 || confusable == letters);
        var hasLetters = latin > 0 || foldConfusables;
        if (!hasLetters)
        {
            return;
        }

        for (var k = start; k < end; k++)
        {
            var c = text[k];
            var folded = c;
            if (foldConfusables && Confusables.TryFold(c, out var latinChar))
            {
                folded = latinChar;
            }
            else if (char.IsAsciiDigit(c))
            {
                folded = Leetspeak.FoldDigit(c);
            }
            else if (IsSymbolLetter(text, k, start, end))
            {
                folded = Leetspeak.FoldSymbol(c);
            }

            if (folded != c)
            {
                text.Replace(k, folded);
            }
        }
    }

    /// <summary>A symbol stands for a letter when a letter follows it and a letter or the word start precedes it.</summary>
    private static bool IsSymbolLetter(MappedTextBuilder text, int k, int start, int end)
    {
        var c = text[k];
        if (Leetspeak.FoldSymbol(c) == c || k + 1 >= end || !IsLetterLike(text[k + 1]))
        {
            return false;
        }

        return c == '|' ? k > start && IsLetterLike(text[k - 1]) : k == start || IsLetterLike(text[k - 1]);
    }

    private static bool IsLetterLike(char c) => char.IsLetter(c) || char.IsAsciiDigit(c);

    /// <summary>Joins runs of single letters ("i g n o r e", "i.g.n.o.r.e"); a different gap marks a word break.</summary>
    private static MappedTextBuilder JoinSpacedLetters(MappedTextBuilder text)
    {
        var output = new MappedTextBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (IsSingleLetter(text, i) && TryJoinRun(text, i, output, out var next))
            {
                i = next;
                continue;
            }

            output.AppendFrom(text, i);
            i++;
        }

        return output;
    }

    private static bool TryJoinRun(MappedTextBuilder text, int first, MappedTextBuilder output, out int next)
    {
        next = first;
        var separator = -1;
        var letters = new List<int> { first };
        var breaks = new List<bool> { false };
        var i = first + 1;
        while (i < text.Length)
        {
            var gapEnd = i;
            while (gapEnd < text.Length && !char.IsLetter(text[gapEnd]) && gapEnd - i < 3)
            {
                gapEnd++;
            }

            if (gapEnd >= text.Length || !IsSingleLetter(text, gapEnd))
            {
                break;
            }

            var gapLength = gapEnd - i;
            var isSeparator = gapLength == 1 && IsSeparator(text[i]);
            var isWordBreak = char.IsWhiteSpace(text[i]) && AllWhitespace(text, i, gapEnd);
            if (separator < 0 && isSeparator)
            {
                separator = text[i];
                letters.Add(gapEnd);
                breaks.Add(false);
            }
            else if (isSeparator && text[i] == separator)
            {
                letters.Add(gapEnd);
                breaks.Add(false);
            }
            else if (isWordBreak && separator >= 0)
            {
                letters.Add(gapEnd);
                breaks.Add(true);
            }
            else
            {
                break;
            }

            i = gapEnd + 1;
        }

        if (letters.Count < MinSpacedLetters)
        {
            return false;
        }

        for (var k = 0; k < letters.Count; k++)
        {
            if (breaks[k])
            {
                output.Append(' ', text.EndAt(letters[k - 1]), text.StartAt(letters[k]));
            }

            output.AppendFrom(text, letters[k]);
        }

        next = letters[^1] + 1;
        return true;
    }

    private static bool IsSingleLetter(MappedTextBuilder text, int i) =>
        char.IsLetter(text[i])
        && (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
        && (i + 1 >= text.Length || !char.IsLetterOrDigit(text[i + 1]));

    private static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '/' or '~' or '+' or ',' or '|';

    private static bool AllWhitespace(MappedTextBuilder text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Each whitespace run becomes one space, or one newline when it holds a line break.</summary>
    private static MappedText CollapseWhitespace(MappedTextBuilder text)
    {
        var output = new MappedTextBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                output.AppendFrom(text, i);
                i++;
                continue;
            }

            var end = i;
            var newline = false;
            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                newline |= text[end] is '\n' or '\r';
                end++;
            }

            output.Append(newline ? '\n' : ' ', text.StartAt(i), text.EndAt(end - 1));
            i = end;
        }

        return output.ToMappedText();
    }
}
