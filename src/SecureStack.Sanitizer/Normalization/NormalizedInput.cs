namespace SecureStack.Sanitizer.Normalization;

/// <summary>The views of one input the rules run on, and what normalisation removed on the way.</summary>
internal sealed record NormalizedInput(
    MappedText View,
    MappedText Compact,
    IReadOnlyList<HiddenText> Hidden,
    int InvisibleRemoved);
