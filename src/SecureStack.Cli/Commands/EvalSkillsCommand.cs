using System.CommandLine;
using SecureStack.Audit.Installation;
using SecureStack.Scanner;
using SecureStack.Scanner.Evaluation;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack eval skills</c>: verdict rates on the labelled real-skill corpus (data/skills/README.md).</summary>
internal static class EvalSkillsCommand
{
    public static Command Create()
    {
        var corpus = new Option<string[]>("--corpus") { Description = "A corpus: a .tar.gz built by data/skills/build-corpus.py or build-heldout2.py, or a folder one was unpacked into; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var labels = new Option<string>("--labels") { Description = "The labels file.", DefaultValueFactory = _ => Path.Combine("data", "skills", "labels.tsv") };
        var bundled = new Option<string?>("--bundled") { Description = "A folder of OpenClaw's bundled skills (openclaw/node_modules/openclaw/skills), held out whole." };
        var split = new Option<string>("--split") { Description = "Which part to report: all (default), calibration, calibration-2, held-out or held-out-2.", DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong(["all", .. CorpusSplit.All]);
        var list = new Option<string?>("--list") { Description = "Also write one line per flagged or malicious-labelled skill (id, split, label, verdict, score, deciding findings) to this file." };
        var rules = new Option<string>("--rules") { Description = "The scanner rule file.", DefaultValueFactory = _ => InstallEnvironment.Current.ConfigFile("scanner-rules.json") };
        var skills = new Command("skills", "Scan the labelled real skills and report false-positive rates and recall with Wilson 95% intervals, per-rule precision and per-family recall, as Markdown.")
        {
            corpus, labels, bundled, split, list, rules,
        };
        skills.SetAction(parse => Run(parse.GetValue(corpus), parse.GetValue(labels)!, parse.GetValue(bundled), parse.GetValue(split)!, parse.GetValue(list), parse.GetValue(rules)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return skills;
    }

    private static int Run(string[]? corpora, string labelsPath, string? bundled, string split, string? list, string rulesPath, TextWriter output, TextWriter error)
    {
        if ((corpora is null || corpora.Length == 0) && bundled is null)
        {
            error.WriteLine("securestack eval skills: pass --corpus (the real-skill archive or its folder) and/or --bundled");
            return ScanCommand.Error;
        }
        var scratches = new List<string>();
        try
        {
            var labels = LabelFile.Load(labelsPath);
            var targets = new List<(string Id, string Path)>();
            foreach (var corpus in corpora ?? [])
            {
                var root = corpus;
                if (File.Exists(corpus))
                {
                    root = Directory.CreateTempSubdirectory("securestack-eval-").FullName;
                    scratches.Add(root);
                    SkillCorpus.Extract(corpus, root);
                }
                targets.AddRange(SkillCorpus.Enumerate(root));
            }
            if (bundled is not null)
            {
                targets.AddRange(SkillCorpus.Bundled(bundled));
            }
            targets = [.. targets.Where(t => split == "all" || CorpusSplit.Of(t.Id) == split)];
            var egress = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rulesPath)) ?? ".", "egress-allowlist.conf");
            using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = rulesPath, EgressAllowlistPath = File.Exists(egress) ? egress : null });
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var evaluation = SkillEvaluation.Run(scanner, targets, labels);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            output.Write(evaluation.ToMarkdown());
            output.WriteLine(System.FormattableString.Invariant($"\n{targets.Count} skills scanned in {elapsed.TotalSeconds:0.0} s ({elapsed.TotalMilliseconds / Math.Max(1, targets.Count):0.0} ms per skill, {Environment.ProcessorCount} cores)"));
            if (list is not null)
            {
                File.WriteAllText(list, evaluation.Listing());
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ScannerConfigurationException)
        {
            error.WriteLine($"securestack eval skills: {e.Message}");
            return ScanCommand.Error;
        }
        finally
        {
            foreach (var scratch in scratches)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
