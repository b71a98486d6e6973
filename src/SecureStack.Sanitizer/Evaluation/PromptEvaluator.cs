using System.Globalization;

namespace SecureStack.Sanitizer.Evaluation;

/// <summary>
/// Runs labelled texts through a <see cref="PromptAnalyzer"/> (rules and classifier, the product's verdict) and reports TPR
/// and FPR with Wilson 95% intervals per context, source, language and technique, plus ROC operating points, as Markdown.
/// </summary>
public static class PromptEvaluator
{
    private static readonly double[] FprTargets = [0.001, 0.005, 0.01, 0.02, 0.05];

    public static List<EvaluatedPrompt> Run(PromptAnalyzer analyzer, IEnumerable<LabelledPrompt> prompts) =>
        [.. prompts.AsParallel().AsOrdered().Select(p =>
        {
            var result = analyzer.Analyze(p.Text);
            var rules = result.Findings.Any(f => f.RuleId != PromptFinding.ModelScore);
            return new EvaluatedPrompt(p, rules ? 1.0 : result.Score, result.InjectionDetected, result.DecidedBy);
        })];

    /// <summary>TPR over injections and FPR over benign texts of one group.</summary>
    public static (Rate Tpr, Rate Fpr) Rates(IEnumerable<EvaluatedPrompt> results)
    {
        var list = results.ToList();
        return (new Rate(list.Count(r => r.Prompt.Injection && r.Flagged), list.Count(r => r.Prompt.Injection)),
            new Rate(list.Count(r => !r.Prompt.Injection && r.Flagged), list.Count(r => !r.Prompt.Injection)));
    }

    public static void WriteMarkdown(IReadOnlyList<EvaluatedPrompt> results, TextWriter output)
    {
        Table(output, "Context (direct: prompt; indirect: document)", results, r => r.Prompt.Context);
        Table(output, "Language", results, r => r.Prompt.Lang);
        Table(output, "Source", results, r => r.Prompt.Source);
        Table(output, "Technique", results, r => r.Prompt.Technique);
        var decided = results.Where(r => r.Flagged).GroupBy(r => r.DecidedBy).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"Flagged texts by what decided: {string.Join(", ", decided)}.");
        output.WriteLine();
        foreach (var context in results.Select(r => r.Prompt.Context).Distinct().Order(StringComparer.Ordinal))
        {
            var group = results.Where(r => r.Prompt.Context == context).ToList();
            var injections = group.Where(r => r.Prompt.Injection).Select(r => r.Score).ToList();
            var benign = group.Where(r => !r.Prompt.Injection).Select(r => r.Score).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ROC operating points, {context} (score: 1 when a rule fires, else the classifier's probability; AUC {Roc.Auc(injections, benign):0.000}):"));
            output.WriteLine();
            output.WriteLine("| FPR target | threshold | TPR | FPR |");
            output.WriteLine("|---|---|---|---|");
            foreach (var (target, point) in FprTargets.Zip(Roc.Points(injections, benign, FprTargets)))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {target:0.0%} | {point.Threshold:0.0000} | {point.Tpr} | {point.Fpr} |"));
            }

            output.WriteLine();
        }
    }

    private static void Table(TextWriter output, string title, IReadOnlyList<EvaluatedPrompt> results, Func<EvaluatedPrompt, string> key)
    {
        output.WriteLine($"| {title} | TPR [95% CI] (flagged/injections) | FPR [95% CI] (flagged/benign) |");
        output.WriteLine("|---|---|---|");
        foreach (var group in results.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (tpr, fpr) = Rates(group);
            output.WriteLine($"| {group.Key} | {tpr} | {fpr} |");
        }

        var (allTpr, allFpr) = Rates(results);
        output.WriteLine($"| **all** | {allTpr} | {allFpr} |");
        output.WriteLine();
    }
}
