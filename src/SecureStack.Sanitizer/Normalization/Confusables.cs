using System.Collections.Frozen;

namespace SecureStack.Sanitizer.Normalization;

/// <summary>
/// Lower-case look-alikes of Latin letters from other scripts (a subset of Unicode's confusables.txt
/// covering Cyrillic, Greek, Armenian, Cherokee-free IPA and Latin small capitals). Compatibility forms
/// (fullwidth, mathematical alphanumerics, circled letters) are already folded by NFKD.
/// </summary>
internal static class Confusables
{
    private static readonly FrozenDictionary<char, char> Map = new Dictionary<char, char>
    {
        // Cyrillic
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x',
        ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h',
        ['ӏ'] = 'l', ['ԍ'] = 'g', ['ү'] = 'y', ['ѵ'] = 'v', ['ɡ'] = 'g', ['ё'] = 'e', ['ї'] = 'i',
        // Greek
        ['α'] = 'a', ['ο'] = 'o', ['ν'] = 'v', ['ι'] = 'i', ['ρ'] = 'p', ['κ'] = 'k', ['τ'] = 't',
        ['υ'] = 'u', ['ε'] = 'e', ['χ'] = 'x', ['ϲ'] = 'c', ['ϳ'] = 'j', ['ω'] = 'w', ['η'] = 'n',
        ['γ'] = 'y', ['β'] = 'b', ['μ'] = 'u', ['ς'] = 's', ['ɩ'] = 'i',
        // Armenian
        ['օ'] = 'o', ['ս'] = 'u', ['զ'] = 'q', ['հ'] = 'h', ['ո'] = 'n', ['ց'] = 'g', ['ե'] = 'e',
        // IPA and Latin small capitals
        ['ɑ'] = 'a', ['ɛ'] = 'e', ['ɪ'] = 'i', ['ʟ'] = 'l', ['ɴ'] = 'n', ['ʀ'] = 'r', ['ѕ'] = 's',
        ['ᴀ'] = 'a', ['ʙ'] = 'b', ['ᴄ'] = 'c', ['ᴅ'] = 'd', ['ᴇ'] = 'e', ['ɢ'] = 'g', ['ʜ'] = 'h',
        ['ᴊ'] = 'j', ['ᴋ'] = 'k', ['ᴍ'] = 'm', ['ᴏ'] = 'o', ['ᴘ'] = 'p', ['ᴛ'] = 't', ['ᴜ'] = 'u',
        ['ᴠ'] = 'v', ['ᴡ'] = 'w', ['ʏ'] = 'y', ['ᴢ'] = 'z',
        // Latin letters NFKD does not decompose
        ['ı'] = 'i', ['ł'] = 'l', ['ø'] = 'o', ['đ'] = 'd', ['ħ'] = 'h', ['ŧ'] = 't', ['ƀ'] = 'b',
        ['ɨ'] = 'i', ['ʉ'] = 'u',
    }.ToFrozenDictionary();

    public static bool TryFold(char c, out char latin) => Map.TryGetValue(c, out latin);
}
