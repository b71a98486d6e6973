namespace SecureStack.Scanner.Output.Sarif;

/// <summary>A scanned skill, with its canonical checksum.</summary>
internal sealed record SarifArtifact(SarifArtifactLocation Location, IReadOnlyDictionary<string, string> Hashes);
