namespace SecureStack.Scanner.Output.Sarif;

/// <summary>One run of one tool.</summary>
internal sealed record SarifRun(SarifTool Tool, IReadOnlyList<SarifResult> Results, IReadOnlyList<SarifArtifact> Artifacts);
