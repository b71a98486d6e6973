namespace SecureStack.Sanitizer.Normalization;

/// <summary>Text that was invisible or encoded in the original, decoded so the rules can read it.</summary>
/// <param name="Text">The decoded text.</param>
/// <param name="Start">Start of the carrier in the original.</param>
/// <param name="End">End (exclusive) of the carrier in the original.</param>
/// <param name="Encoding">How it was hidden: <c>unicode-tags</c>, <c>variation-selectors</c>, <c>base64</c>, <c>hex</c>.</param>
public sealed record HiddenText(string Text, int Start, int End, string Encoding);
