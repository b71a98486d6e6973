namespace SecureStack.Scanner.Output.Sarif;

/// <summary>A file URI (relative to the working directory when possible).</summary>
internal sealed record SarifArtifactLocation(string Uri);
