using System.Text.Json;
using SecureStack.Sanitizer.Tests.Support;
using Xunit.Abstractions;

namespace SecureStack.Sanitizer.Tests.Corpus;

/// <summary>
/// Detection and false-positive rates on the project corpus (tests/corpus/prompts) and the shared corpora
/// (../shared/corpora/prompts). Each test prints its figures and fails below its threshold; the shared
/// detection floors sit a little under what the shipped rules achieve, so a regression fails the build.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static List<(string Technique, string Text)> ProjectSet(string file) =>
        File.ReadLines(Path.Combine(RepoPaths.ProjectCorpus, file))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("technique").GetString()!, e.GetProperty("text").GetString()!))
            .ToList();

    private static string Shared(string file)
    {
        var path = Path.Combine(RepoPaths.SharedCorpus, file);
        Assert.True(File.Exists(path), $"{path} is missing: set SECURESTACK_SHARED_CORPORA to the shared corpora directory.");
        return path;
    }

    private CorpusFigures Measure(string name, IReadOnlyCollection<string> texts)
    {
        var detected = texts.Count(t => TestRules.Analyzer.Analyze(t).InjectionDetected);
        var figures = new CorpusFigures(name, detected, texts.Count);
        output.WriteLine(figures.ToString());
        return figures;
    }

    [Fact]
    public void ProjectInjections_DetectionIsAtLeast98Percent()
    {
        var set = ProjectSet("injections.jsonl");
        Assert.True(set.Count >= 300, $"the corpus needs at least 300 injections, has {set.Count}");
        var misses = set.Where(s => !TestRules.Analyzer.Analyze(s.Text).InjectionDetected).ToList();
        foreach (var (technique, text) in misses)
        {
            output.WriteLine($"missed [{technique}]: {text}");
        }

        foreach (var group in set.GroupBy(s => s.Technique.StartsWith("evasion-", StringComparison.Ordinal) ? "evasion" : s.Technique))
        {
            output.WriteLine($"  {group.Key}: {group.Count(s => !misses.Contains(s))}/{group.Count()}");
        }

        var figures = new CorpusFigures("project injections", set.Count - misses.Count, set.Count);
        output.WriteLine(figures.ToString());
        Assert.True(figures.Rate >= 0.98, figures.ToString());
        Assert.Contains(set, s => s.Technique == "other-language");
        Assert.True(set.Count(s => s.Technique.StartsWith("evasion-", StringComparison.Ordinal)) >= 100);
    }

    [Fact]
    public void ProjectBenign_FalsePositivesAreAtMost1Percent()
    {
        var set = ProjectSet("benign.jsonl");
        Assert.True(set.Count >= 300, $"the corpus needs at least 300 legitimate prompts, has {set.Count}");
        foreach (var (technique, text) in set.Where(s => TestRules.Analyzer.Analyze(s.Text).InjectionDetected))
        {
            output.WriteLine($"false positive [{technique}]: {text} -> {string.Join(",", TestRules.Analyzer.Analyze(text).Patterns)}");
        }

        var figures = Measure("project benign (false positives)", set.Select(s => s.Text).ToList());
        Assert.True(figures.Rate <= 0.01, figures.ToString());
    }

    [Fact]
    public void ProjectBenign_PassesUnchanged()
    {
        foreach (var (_, text) in ProjectSet("benign.jsonl"))
        {
            var result = TestRules.Analyzer.Analyze(text);
            if (!result.InjectionDetected)
            {
                Assert.Same(text, result.Clean);
            }
        }
    }

    [Fact]
    public void SharedXsTest_FalsePositivesAreAtMost2Percent()
    {
        var prompts = File.ReadLines(Shared("benign-xstest.csv")).Skip(1).Select(ParseCsvPrompt).ToList();
        Assert.Equal(450, prompts.Count);
        var figures = Measure("benign-xstest.csv (false positives)", prompts);
        Assert.True(figures.Rate <= 0.02, figures.ToString());
    }

    [Fact]
    public void SharedInTheWild_DetectionStaysAboveItsFloor()
    {
        var prompts = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Shared("jailbreak-inthewild.json")))!;
        var figures = Measure("jailbreak-inthewild.json", prompts);
        Assert.True(figures.Rate >= InTheWildFloor, $"{figures} is below the floor of {InTheWildFloor:P0}");
    }

    [Fact]
    public void SharedSystemPromptExtraction_DetectionStaysAboveItsFloor()
    {
        var groups = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(Shared("sysprompt-extraction.json")))!;
        foreach (var (group, prompts) in groups)
        {
            output.WriteLine($"  {group}: {prompts.Count(p => TestRules.Analyzer.Analyze(p).InjectionDetected)}/{prompts.Count}");
        }

        var figures = Measure("sysprompt-extraction.json", groups.Values.SelectMany(p => p).ToList());
        Assert.True(figures.Rate >= SystemPromptFloor, $"{figures} is below the floor of {SystemPromptFloor:P0}");
    }

    /// <summary>What the shipped rules achieve minus a small margin (bench/RESULTS.md has the figures).</summary>
    private const double InTheWildFloor = 0.76;

    private const double SystemPromptFloor = 0.92;

    /// <summary>The second column of xstest_prompts.csv (id,prompt,type,...), with quoted fields.</summary>
    private static string ParseCsvPrompt(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        var rest = line[(comma + 1)..];
        if (!rest.StartsWith('"'))
        {
            return rest[..rest.IndexOf(',', StringComparison.Ordinal)];
        }

        var builder = new System.Text.StringBuilder();
        for (var i = 1; i < rest.Length; i++)
        {
            if (rest[i] == '"')
            {
                if (i + 1 < rest.Length && rest[i + 1] == '"')
                {
                    builder.Append('"');
                    i++;
                    continue;
                }

                break;
            }

            builder.Append(rest[i]);
        }

        return builder.ToString();
    }
}
