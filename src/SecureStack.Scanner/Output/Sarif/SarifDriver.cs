namespace SecureStack.Scanner.Output.Sarif;

/// <summary>The scanner as a SARIF tool component.</summary>
internal sealed record SarifDriver(string Name, string Version, string InformationUri, IReadOnlyList<SarifRule> Rules);
