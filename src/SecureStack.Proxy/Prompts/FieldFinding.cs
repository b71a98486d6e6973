using SecureStack.Sanitizer.Rules;

namespace SecureStack.Proxy.Prompts;

/// <summary>What fired in one field of a request.</summary>
/// <param name="FieldPath">Where: <c>messages[2].content</c>, <c>params.message</c>, <c>args.query</c>.</param>
/// <param name="Action">The action taken for this field.</param>
/// <param name="RuleIds">The rules (or secret rules) that fired.</param>
/// <param name="Indirect">The field is content the model reads, not text a user typed (tool results).</param>
/// <param name="Secret">The findings are secrets rather than injections.</param>
public sealed record FieldFinding(string FieldPath, PromptRuleAction Action, IReadOnlyList<string> RuleIds, bool Indirect, bool Secret);
