using System.Text;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>
/// Inspects text and applies the rules' actions without auditing (rule authoring, the CLI, tests):
/// <c>flag</c> changes nothing, <c>strip</c> removes exactly the matched spans, <c>reject</c> refuses.
/// When nothing fires the input is returned as the same string, byte for byte.
/// </summary>
public sealed class PromptAnalyzer
{
    private readonly InjectionScanner _scanner;

    public PromptAnalyzer(PromptRuleSet rules, SanitizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Options = options ?? new SanitizerOptions();
        Options.Validate();
        Rules = rules;
        _scanner = new InjectionScanner(rules, Options);
    }

    public PromptRuleSet Rules { get; }

    public SanitizerOptions Options { get; }

    public SanitizeResult Analyze(string text) => Analyze(text, PromptRuleAction.Reject);

    /// <summary>
    /// Inspects <paramref name="text"/> with every action capped at <paramref name="ceiling"/>
    /// (tool results: flag only, or strip instead of reject).
    /// </summary>
    public SanitizeResult Analyze(string text, PromptRuleAction ceiling)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Apply(text, _scanner.Scan(text), ceiling);
    }

    private static SanitizeResult Apply(string text, ScanReport report, PromptRuleAction ceiling)
    {
        if (report.Findings.Count == 0)
        {
            return new SanitizeResult(text, false, [], PromptRuleAction.None, [], report.Hidden, report.InvisibleRemoved);
        }

        var findings = report.Findings
            .Select(f => f.Action > ceiling ? f with { Action = ceiling } : f)
            .OrderBy(f => f.Start)
            .ToList();
        var action = findings.Max(f => f.Action);
        var patterns = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).ToList();
        var clean = action == PromptRuleAction.Strip ? Strip(text, findings) : text;
        return new SanitizeResult(clean, true, patterns, action, findings, report.Hidden, report.InvisibleRemoved);
    }

    /// <summary>Removes the spans of strip findings (merged where they overlap); everything else is kept.</summary>
    private static string Strip(string text, List<PromptFinding> findings)
    {
        var output = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings.Where(f => f.Action == PromptRuleAction.Strip))
        {
            if (finding.Start > position)
            {
                output.Append(text, position, finding.Start - position);
            }

            position = Math.Max(position, finding.Start + finding.Length);
        }

        if (position < text.Length)
        {
            output.Append(text, position, text.Length - position);
        }

        return output.ToString();
    }
}
