namespace SecureStack.Scanner.Output.Sarif;

/// <summary>File and region of a result.</summary>
internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);
