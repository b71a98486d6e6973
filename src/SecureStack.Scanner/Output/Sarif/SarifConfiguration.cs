namespace SecureStack.Scanner.Output.Sarif;

/// <summary>A rule's default configuration.</summary>
internal sealed record SarifConfiguration(string Level);
