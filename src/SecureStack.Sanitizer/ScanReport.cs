using SecureStack.Sanitizer.Normalization;

namespace SecureStack.Sanitizer;

/// <summary>What the scanner found in one text, before any action is applied.</summary>
internal sealed record ScanReport(IReadOnlyList<PromptFinding> Findings, IReadOnlyList<HiddenText> Hidden, int InvisibleRemoved)
{
    /// <summary>The classifier's highest probability over the text and its decoded views (0 without a model).</summary>
    public float Score { get; init; }
}
