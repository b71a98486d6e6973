namespace SecureStack.Scanner.Output.Sarif;

/// <summary>A reportingDescriptor: stable id, descriptions and default level.</summary>
internal sealed record SarifRule(
    string Id,
    string Name,
    SarifText ShortDescription,
    SarifText FullDescription,
    SarifConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);
