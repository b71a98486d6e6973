using System.Globalization;
using System.Text;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Evaluation;

/// <summary>
/// Scans labelled skills and reports, per source and split, the false-positive rates (malicious and
/// suspicious-or-worse verdicts on benign skills) and recall, with Wilson 95 % intervals, per-rule precision and
/// per-family recall.
/// </summary>
public sealed class SkillEvaluation
{
    private SkillEvaluation(IReadOnlyList<EvaluatedSkill> skills)
    {
        Skills = skills;
    }

    public IReadOnlyList<EvaluatedSkill> Skills { get; }

    public static SkillEvaluation Run(SkillScanner scanner, IReadOnlyList<(string Id, string Path)> skills, IReadOnlyDictionary<string, LabelEntry> labels)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        var reports = scanner.ScanMany([.. skills.Select(s => s.Path)]);
        return new SkillEvaluation([.. skills.Select((s, i) => new EvaluatedSkill(s.Id, s.Id.Split('/')[0], CorpusSplit.Of(s.Id), labels.GetValueOrDefault(s.Id), reports[i]))]);
    }

    /// <summary>Benign skills (reviewed or presumed) of a selection that got at least <paramref name="level"/>.</summary>
    public Wilson FalsePositives(Func<EvaluatedSkill, bool> where, VerdictLevel level)
    {
        var benign = Skills.Where(s => where(s) && s.Label != SkillLabel.Malicious).ToList();
        return Wilson.Of(benign.Count(s => s.Report.Verdict.Level >= level), benign.Count);
    }

    /// <summary>Malicious skills of a selection that got at least <paramref name="level"/>.</summary>
    public Wilson Recall(Func<EvaluatedSkill, bool> where, VerdictLevel level)
    {
        var malicious = Skills.Where(s => where(s) && s.Label == SkillLabel.Malicious).ToList();
        return Wilson.Of(malicious.Count(s => s.Report.Verdict.Level >= level), malicious.Count);
    }

    /// <summary>The report as Markdown tables, for bench/RESULTS.md.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        text.AppendLine("| source | split | benign | malicious verdict on benign | suspicious+ on benign | malicious | recall (malicious) | recall (suspicious+) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in Skills.GroupBy(s => (s.Source, s.Split)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Split, StringComparer.Ordinal))
        {
            bool In(EvaluatedSkill s) => s.Source == group.Key.Source && s.Split == group.Key.Split;
            var malicious = group.Count(s => s.Label == SkillLabel.Malicious);
            text.AppendLine(ci, $"| {group.Key.Source} | {group.Key.Split} | {group.Count() - malicious} | {FalsePositives(In, VerdictLevel.Malicious)} | {FalsePositives(In, VerdictLevel.Suspicious)} | {malicious} | {(malicious == 0 ? "–" : Recall(In, VerdictLevel.Malicious).ToString())} | {(malicious == 0 ? "–" : Recall(In, VerdictLevel.Suspicious).ToString())} |");
        }
        var repositories = Skills.Where(s => s.Source == "github").GroupBy(s => s.Id.Split('/')[1]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (repositories.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| held-out-2 repository | skills | malicious verdict | suspicious+ |");
            text.AppendLine("|---|---|---|---|");
            foreach (var repository in repositories)
            {
                bool In(EvaluatedSkill s) => s.Source == "github" && s.Id.Split('/')[1] == repository.Key;
                text.AppendLine(ci, $"| {repository.Key.Replace('+', '/')} | {repository.Count()} | {FalsePositives(In, VerdictLevel.Malicious)} | {FalsePositives(In, VerdictLevel.Suspicious)} |");
            }
        }
        text.AppendLine();
        text.AppendLine("Per-rule precision (all labelled skills; a rule counts for a skill when it has a finding there, and as deciding when it is among the findings that decided a suspicious-or-worse verdict):");
        text.AppendLine();
        text.AppendLine("| rule | skills with a finding | of them malicious | precision | deciding in suspicious+ | of them malicious | precision when deciding |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        var rules = Skills.SelectMany(s => s.Report.Findings.Select(f => f.RuleId).Distinct().Select(r => (Rule: r, Skill: s)))
            .GroupBy(p => p.Rule, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var hits = rule.Select(p => p.Skill).ToList();
            var deciding = hits.Where(s => s.Report.Verdict.Level >= VerdictLevel.Suspicious && s.Report.Verdict.Deciding.Any(d => d.Finding.RuleId == rule.Key)).ToList();
            var maliciousHits = hits.Count(s => s.Label == SkillLabel.Malicious);
            var maliciousDeciding = deciding.Count(s => s.Label == SkillLabel.Malicious);
            text.AppendLine(ci, $"| {rule.Key} | {hits.Count} | {maliciousHits} | {Wilson.Of(maliciousHits, hits.Count)} | {deciding.Count} | {maliciousDeciding} | {(deciding.Count == 0 ? "–" : Wilson.Of(maliciousDeciding, deciding.Count).ToString())} |");
        }
        var families = Skills.Where(s => s.Label == SkillLabel.Malicious).GroupBy(s => s.Entry!.Family ?? "unclassified").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (families.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| family | malicious skills | recall (malicious) | recall (suspicious+) |");
            text.AppendLine("|---|---|---|---|");
            foreach (var family in families)
            {
                var n = family.Count();
                text.AppendLine(ci, $"| {family.Key} | {n} | {Wilson.Of(family.Count(s => s.Report.Verdict.Level == VerdictLevel.Malicious), n)} | {Wilson.Of(family.Count(s => s.Report.Verdict.Level >= VerdictLevel.Suspicious), n)} |");
            }
        }
        return text.ToString();
    }

    /// <summary>One line per skill with a non-clean verdict or a malicious label: for review and for the labels file.</summary>
    public string Listing()
    {
        var text = new StringBuilder();
        foreach (var s in Skills.Where(s => s.Report.Verdict.Level > VerdictLevel.Clean || s.Label == SkillLabel.Malicious))
        {
            var verdict = s.Report.Verdict;
            var deciding = string.Join("; ", verdict.Deciding.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Finding.RuleId}@{d.Finding.File}:{d.Finding.Line}={d.Points:0.#}")));
            text.AppendLine(CultureInfo.InvariantCulture, $"{s.Id}\t{s.Split}\t{s.Label}\t{verdict.Level}\t{verdict.Score:0.#}\t{deciding}\t{string.Join(" | ", verdict.Reasons)}");
        }
        return text.ToString();
    }
}
