using SecureStack.Proxy.Prompts;

namespace SecureStack.Proxy.Prompts;

/// <summary>The decision on one frame.</summary>
/// <param name="Verdict">Forward, forward rewritten, or refuse.</param>
/// <param name="Frame">The frame to forward upstream, or for <see cref="FrameVerdict.Refuse"/> the reply to send to the client.</param>
/// <param name="Reason">Why it was refused; never prompt text.</param>
/// <param name="Findings">Everything that fired, per field.</param>
public sealed record FrameOutcome(FrameVerdict Verdict, ReadOnlyMemory<byte> Frame, string? Reason, IReadOnlyList<FieldFinding> Findings);
