namespace SecureStack.Sanitizer.Evaluation;

/// <summary>One labelled text of an evaluation or training set (data/prompts/prompts.jsonl.gz or a user's JSONL/CSV file).</summary>
/// <param name="Text">The prompt or document.</param>
/// <param name="Injection">True for an injection or jailbreak, false for benign text.</param>
/// <param name="Source">Where it came from; splits are by source.</param>
/// <param name="Lang">ISO 639-1 language code, or <c>?</c>.</param>
/// <param name="Technique">Attack technique or kind of benign text.</param>
/// <param name="Context"><c>prompt</c> (a user turn) or <c>document</c> (a page, email, table or code handed to the model).</param>
/// <param name="Split"><c>train</c>, <c>validation</c>, <c>test</c>, or empty when the file has none.</param>
public sealed record LabelledPrompt(string Text, bool Injection, string Source, string Lang, string Technique, string Context, string Split)
{
    /// <summary>For a document with a planted instruction: the instruction (training places it in its window).</summary>
    public string? Payload { get; init; }
}
