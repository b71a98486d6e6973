using System.Text;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>
/// Inspects text and applies the rules' actions without auditing (rule authoring, the CLI, tests):
/// <c>flag</c> changes nothing, <c>strip</c> removes exactly the matched spans, <c>reject</c> refuses.
/// When nothing fires the input is returned as the same string, byte for byte. Unless <see cref="SanitizerOptions.UseModel"/>
/// is off, the learned classifier scores the text too: it flags or refuses, and never strips (its window is a guess, not a span).
/// </summary>
public sealed class PromptAnalyzer
{
    /// <summary>Scans of stripped text before giving up on it; each strip removes at least one character.</summary>
    private const int MaxStripPasses = 4;

    private readonly InjectionScanner _scanner;

    public PromptAnalyzer(PromptRuleSet rules, SanitizerOptions? options = null)
        : this(rules, options, (options ?? new SanitizerOptions()).UseModel ? InjectionModel.Shipped : null)
    {
    }

    /// <summary>An analyzer with a given classifier (<see langword="null"/>: rules only).</summary>
    public PromptAnalyzer(PromptRuleSet rules, SanitizerOptions? options, InjectionModel? model)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Options = options ?? new SanitizerOptions();
        Options.Validate();
        Rules = rules;
        Model = model;
        _scanner = new InjectionScanner(rules, Options, model);
    }

    public PromptRuleSet Rules { get; }

    /// <summary>The classifier scoring alongside the rules, if any.</summary>
    public InjectionModel? Model { get; }

    public SanitizerOptions Options { get; }

    public SanitizeResult Analyze(string text) => Analyze(text, PromptRuleAction.Reject);

    /// <summary>
    /// Inspects <paramref name="text"/> with every action capped at <paramref name="ceiling"/>
    /// (tool results: flag only, or strip instead of reject).
    /// </summary>
    public SanitizeResult Analyze(string text, PromptRuleAction ceiling)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Apply(text, _scanner.Scan(text), ceiling);
        return result.Action == PromptRuleAction.Strip ? Restrip(text, result, ceiling) : result;
    }

    /// <summary>
    /// Removing spans can join the text around them into a new injection ("disregard the prior[INST]…[/INST]
    /// directives"), so stripped text is scanned again: what fires there is stripped too (its span mapped back
    /// to the original), a reject refuses the original, and text still firing after <see cref="MaxStripPasses"/>
    /// scans is refused, or dropped whole where the ceiling forbids refusing (fail closed).
    /// </summary>
    private SanitizeResult Restrip(string text, SanitizeResult first, PromptRuleAction ceiling)
    {
        var findings = first.Findings.ToList();
        var kept = Kept(text.Length, findings, Enumerable.Range(0, text.Length).ToArray());
        var clean = first.Clean;
        for (var pass = 0; pass < MaxStripPasses; pass++)
        {
            var again = Apply(clean, _scanner.Scan(clean), ceiling);
            var reassembled = again.Findings.Where(f => f.Action >= PromptRuleAction.Strip).ToList();
            if (reassembled.Count == 0)
            {
                return Result(clean, PromptRuleAction.Strip);
            }

            findings.AddRange(reassembled.Select(f => f with
            {
                Start = kept[f.Start],
                Length = kept[f.Start + f.Length - 1] + 1 - kept[f.Start],
                Source = "stripped",
            }));
            if (again.Action == PromptRuleAction.Reject)
            {
                return Result(text, PromptRuleAction.Reject);
            }

            kept = Kept(clean.Length, reassembled, kept);
            clean = again.Clean;
        }

        findings.Add(findings[^1] with { Start = 0, Length = text.Length });
        return ceiling >= PromptRuleAction.Reject ? Result(text, PromptRuleAction.Reject) : Result("", PromptRuleAction.Strip);

        SanitizeResult Result(string output, PromptRuleAction action) => first with
        {
            Clean = output,
            Action = action,
            Findings = findings,
            Patterns = [.. findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The original positions of the characters a strip keeps, given those of the text it stripped.</summary>
    private static int[] Kept(int length, IEnumerable<PromptFinding> findings, int[] positions)
    {
        var removed = new bool[length];
        foreach (var finding in findings.Where(f => f.Action == PromptRuleAction.Strip))
        {
            Array.Fill(removed, true, finding.Start, finding.Length);
        }

        return [.. positions.Where((_, i) => !removed[i])];
    }

    private static SanitizeResult Apply(string text, ScanReport report, PromptRuleAction ceiling)
    {
        if (report.Findings.Count == 0)
        {
            return new SanitizeResult(text, false, [], PromptRuleAction.None, [], report.Hidden, report.InvisibleRemoved) { Score = report.Score };
        }

        var findings = report.Findings
            .Select(f => f.Action > ceiling ? f with { Action = f.RuleId == PromptFinding.ModelScore ? PromptRuleAction.Flag : ceiling } : f)
            .OrderBy(f => f.Start)
            .ToList();
        var action = findings.Max(f => f.Action);
        var patterns = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).ToList();
        var clean = action == PromptRuleAction.Strip ? Strip(text, findings) : text;
        return new SanitizeResult(clean, true, patterns, action, findings, report.Hidden, report.InvisibleRemoved) { Score = report.Score };
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
