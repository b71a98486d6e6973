using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>Finds credentials of known shapes in raw text and redacts them.</summary>
public static class SecretScanner
{
    public static List<(SecretRule Rule, int Start, int Length)> Find(PromptRuleSet rules, string text)
    {
        var found = new List<(SecretRule, int, int)>();
        foreach (var rule in rules.Secrets)
        {
            foreach (var m in rule.Regex.EnumerateMatches(text))
            {
                if (m.Length > 0)
                {
                    found.Add((rule, m.Index, m.Length));
                }
            }
        }

        return found;
    }

    public static string Redact(string text, List<(SecretRule Rule, int Start, int Length)> found)
    {
        var output = new System.Text.StringBuilder(text.Length);
        var position = 0;
        foreach (var (rule, start, length) in found.OrderBy(f => f.Start))
        {
            if (start < position)
            {
                position = Math.Max(position, start + length);
                continue;
            }

            output.Append(text, position, start - position).Append("[REDACTED:").Append(rule.Id).Append(']');
            position = start + length;
        }

        return output.Append(text, position, text.Length - position).ToString();
    }
}
