namespace SecureStack.Sanitizer.Normalization;

/// <summary>Code points that render as nothing but can split words or carry hidden text.</summary>
internal static class InvisibleCharacters
{
    public static InvisibleKind Classify(int codePoint) => codePoint switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x3164 or 0xFFA0 or 0xFEFF
            => InvisibleKind.ZeroWidth,
        >= 0x200B and <= 0x200D => InvisibleKind.ZeroWidth,
        0x200E or 0x200F => InvisibleKind.BidiControl,
        >= 0x202A and <= 0x202E => InvisibleKind.BidiControl,
        >= 0x2060 and <= 0x2064 => InvisibleKind.ZeroWidth,
        >= 0x2066 and <= 0x2069 => InvisibleKind.BidiControl,
        >= 0x206A and <= 0x206F => InvisibleKind.ZeroWidth,
        >= 0x180B and <= 0x180D => InvisibleKind.VariationSelector,
        >= 0xFE00 and <= 0xFE0F => InvisibleKind.VariationSelector,
        >= 0xE0100 and <= 0xE01EF => InvisibleKind.VariationSelector,
        >= 0xE0000 and <= 0xE007F => InvisibleKind.UnicodeTag,
        _ => InvisibleKind.None,
    };

    /// <summary>The byte a variation selector smuggles (the "emoji smuggling" encoding), or -1.</summary>
    public static int VariationSelectorByte(int codePoint) => codePoint switch
    {
        >= 0xFE00 and <= 0xFE0F => codePoint - 0xFE00,
        >= 0xE0100 and <= 0xE01EF => codePoint - 0xE0100 + 16,
        _ => -1,
    };
}
