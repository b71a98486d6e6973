namespace SecureStack.Proxy.Prompts;

/// <summary>What <see cref="RequestInspector"/> found in one request body; <c>SanitizingBodyInspector</c> turns it into the verdict and the answer.</summary>
/// <param name="Verdict">Forward, forward rewritten, or refuse.</param>
/// <param name="Body">The bytes to forward: the original for <see cref="InspectionAction.Allow"/>, the rewritten body otherwise.</param>
/// <param name="Reason">Why it was refused (rule ids and field paths, or the JSON problem); never prompt text.</param>
/// <param name="Findings">Everything that fired, per field.</param>
/// <param name="Rules">For a rejection, the rule ids (or policy ids such as <see cref="RequestInspector.ClientSystemPromptRule"/>) that refused it.</param>
public sealed record InspectionOutcome(InspectionAction Verdict, ReadOnlyMemory<byte> Body, string? Reason, IReadOnlyList<FieldFinding> Findings, IReadOnlyList<string> Rules)
{
    internal static InspectionOutcome BadRequest(string reason) => new(InspectionAction.BadRequest, ReadOnlyMemory<byte>.Empty, reason, [], []);
}
