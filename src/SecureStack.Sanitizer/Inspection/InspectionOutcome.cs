using System.Text.Json;

namespace SecureStack.Sanitizer.Inspection;

/// <summary>The decision on one request body.</summary>
/// <param name="Verdict">Forward, forward rewritten, or refuse.</param>
/// <param name="Body">The bytes to forward: the original for <see cref="InspectionVerdict.Allow"/>, the rewritten body otherwise.</param>
/// <param name="Reason">Why it was refused (rule ids and field paths, or the JSON problem); never prompt text.</param>
/// <param name="Findings">Everything that fired, per field.</param>
public sealed record InspectionOutcome(InspectionVerdict Verdict, ReadOnlyMemory<byte> Body, string? Reason, IReadOnlyList<FieldFinding> Findings)
{
    /// <summary>The HTTP status to answer a refused request with (200 when it is forwarded).</summary>
    public int StatusCode => Verdict switch
    {
        InspectionVerdict.Rejected => 403,
        InspectionVerdict.BadRequest => 400,
        _ => 200,
    };

    /// <summary>An OpenAI-style error body for a refused request.</summary>
    public byte[] ErrorBody() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["error"] = new Dictionary<string, object?>
        {
            ["message"] = Reason ?? "The request was refused.",
            ["type"] = Verdict == InspectionVerdict.BadRequest ? "invalid_request_error" : "prompt_rejected",
            ["code"] = Verdict == InspectionVerdict.BadRequest ? "invalid_json" : "prompt_injection",
        },
    });

    internal static InspectionOutcome BadRequest(string reason) => new(InspectionVerdict.BadRequest, ReadOnlyMemory<byte>.Empty, reason, []);
}
