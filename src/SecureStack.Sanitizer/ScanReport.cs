using SecureStack.Sanitizer.Normalization;

namespace SecureStack.Sanitizer;

/// <summary>What the scanner found in one text, before any action is applied.</summary>
internal sealed record ScanReport(IReadOnlyList<PromptFinding> Findings, IReadOnlyList<HiddenText> Hidden, int InvisibleRemoved);
