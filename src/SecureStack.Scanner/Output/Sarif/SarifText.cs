namespace SecureStack.Scanner.Output.Sarif;

/// <summary>A SARIF message or description.</summary>
internal sealed record SarifText(string Text);
