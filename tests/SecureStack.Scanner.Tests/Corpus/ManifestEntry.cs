namespace SecureStack.Scanner.Tests.Corpus;

/// <summary>
/// One malicious sample: the THREATS.md technique it models (in the design docs beside the repository:
/// ../shared/docs/THREATS.md) and the rule ids it must trigger.
/// </summary>
public sealed record ManifestEntry(string Technique, IReadOnlyList<string> Expect);
