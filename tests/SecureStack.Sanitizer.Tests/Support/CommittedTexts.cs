using System.Text.Json;

namespace SecureStack.Sanitizer.Tests.Support;

/// <summary>
/// Every text the repository commits (all prompt-data splits, prompts and documents, and the project corpus): the ground
/// on which a change that must not alter decisions proves it.
/// </summary>
internal static class CommittedTexts
{
    public static IReadOnlyList<string> All { get; } =
    [
        .. PromptData.Split("train").Concat(PromptData.Split("validation")).Concat(PromptData.Split("test")).Select(p => p.Text),
        .. Directory.GetFiles(RepoPaths.ProjectCorpus, "*.jsonl").SelectMany(File.ReadLines)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!),
    ];

    /// <summary>
    /// Asserts that both analyzers decide every committed text alike (action, clean text, findings) and returns how many
    /// texts had findings. Parallel: both sides over 20,000 texts take half a minute on two cores otherwise.
    /// </summary>
    public static int AssertSameDecisions(PromptAnalyzer expected, PromptAnalyzer actual, string change)
    {
        Assert.True(All.Count > 19_000, $"only {All.Count} texts");
        var detected = All.AsParallel().Count(text =>
        {
            var a = expected.Analyze(text);
            var b = actual.Analyze(text);
            Assert.True(a.Action == b.Action && a.Clean == b.Clean && a.Findings.SequenceEqual(b.Findings),
                $"{change} changed the verdict on: {text[..Math.Min(200, text.Length)]}");
            return a.InjectionDetected;
        });
        Assert.True(detected > 1000, "too few findings for the comparison to mean anything");
        return detected;
    }
}
