namespace SecureStack.Sanitizer.Normalization;

/// <summary>Why a code point is invisible and removed before matching.</summary>
public enum InvisibleKind
{
    None,
    ZeroWidth,
    BidiControl,
    VariationSelector,
    UnicodeTag,
}
