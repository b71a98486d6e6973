namespace SecureStack.Scanner.Evaluation;

/// <summary>One line of the labels file: skill id, label, attack family (malicious only), source and reason.</summary>
public sealed record LabelEntry(string Id, SkillLabel Label, string? Family, string Source, string Reason);
