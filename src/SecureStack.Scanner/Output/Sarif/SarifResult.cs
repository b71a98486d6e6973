namespace SecureStack.Scanner.Output.Sarif;

/// <summary>One finding.</summary>
internal sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifText Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints);
