namespace SecureStack.Proxy.Prompts;

/// <summary>The combined decision on the text fields of one request.</summary>
internal sealed record FieldsResult(
    IReadOnlyList<FieldFinding> Findings,
    IReadOnlyList<(IReadOnlyList<object> Segments, string Value)> Replacements,
    string? RejectReason);
