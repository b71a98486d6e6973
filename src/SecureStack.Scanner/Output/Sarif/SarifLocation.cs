namespace SecureStack.Scanner.Output.Sarif;

/// <summary>Where a result is.</summary>
internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);
