using SecureStack.Sanitizer.Evaluation;

namespace SecureStack.Sanitizer.Tests.Support;

/// <summary>The committed labelled data (data/prompts/prompts.jsonl.gz), read once per test run.</summary>
internal static class PromptData
{
    private static readonly Lazy<List<LabelledPrompt>> All = new(() => LabelledPromptReader.Read(Path.Combine(RepoPaths.Root, "data", "prompts", "prompts.jsonl.gz")));

    public static IReadOnlyList<LabelledPrompt> Split(string split) => [.. All.Value.Where(p => p.Split == split)];
}
