using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Proxy.Prompts;

/// <summary>Runs the sanitizer (and, on the relay, the secret rules) over the text fields of one request.</summary>
internal sealed class FieldInspector
{
    private readonly PromptSanitizer _sanitizer;
    private readonly RelayOptions _relay;

    public FieldInspector(PromptSanitizer sanitizer, RelayOptions relay)
    {
        _sanitizer = sanitizer;
        _relay = relay;
    }

    public FieldsResult Inspect(IReadOnlyList<TextField> fields, InspectionContext context, bool detectSecrets)
    {
        var findings = new List<FieldFinding>();
        var replacements = new List<(IReadOnlyList<object>, string)>();
        var rejected = new List<string>();
        foreach (var field in fields)
        {
            var path = field.Path;
            var current = field.Value;
            if (field.Kind != FieldKind.SecretsOnly)
            {
                var indirect = field.Kind == FieldKind.Indirect;
                var ceiling = !indirect ? PromptRuleAction.Reject
                    : _relay.ToolResults == ToolResultMode.Strip ? PromptRuleAction.Strip : PromptRuleAction.Flag;
                var result = _sanitizer.Sanitize(current, path, context, ceiling, indirect);
                if (result.InjectionDetected)
                {
                    findings.Add(new FieldFinding(path, result.Action, result.Patterns, indirect, Secret: false));
                    if (result.Rejected)
                    {
                        rejected.Add($"{string.Join(", ", result.Patterns)} in {path}");
                    }

                    current = result.Clean;
                }
            }

            if (detectSecrets && SecretScanner.Find(_sanitizer.Rules, current) is { Count: > 0 } secrets)
            {
                var ids = secrets.Select(s => s.Rule.Id).Distinct(StringComparer.Ordinal).ToList();
                var action = _relay.Secrets switch
                {
                    SecretMode.Reject => PromptRuleAction.Reject,
                    SecretMode.Redact => PromptRuleAction.Strip,
                    _ => PromptRuleAction.Flag,
                };
                _sanitizer.RecordSecrets(context, path, ids, _relay.Secrets.ToString().ToLowerInvariant());
                findings.Add(new FieldFinding(path, action, ids, field.Kind == FieldKind.Indirect, Secret: true));
                if (action == PromptRuleAction.Reject)
                {
                    rejected.Add($"{string.Join(", ", ids)} in {path}");
                }
                else if (action == PromptRuleAction.Strip)
                {
                    current = SecretScanner.Redact(current, secrets);
                }
            }

            if (!ReferenceEquals(current, field.Value) && current != field.Value)
            {
                replacements.Add((field.Segments, current));
            }
        }

        var reason = rejected.Count == 0 ? null : $"Refused by the prompt security policy: {string.Join("; ", rejected)}.";
        return new FieldsResult(findings, replacements, reason);
    }
}
