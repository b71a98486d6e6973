namespace SecureStack.Scanner.Output.Sarif;

/// <summary>The tool, whose driver lists every rule.</summary>
internal sealed record SarifTool(SarifDriver Driver);
