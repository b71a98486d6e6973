namespace SecureStack.Scanner.Rules;

/// <summary>What a rule is called and how bad its hits are; stable ids are what SARIF and manifests use.</summary>
public sealed record RuleDescriptor(string Id, string Name, Severity Severity, string Description);
