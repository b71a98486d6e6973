using System.Text.Json;
using SecureStack.Sanitizer.Inspection;

namespace SecureStack.Proxy.Relay;

/// <summary>
/// How the relay refuses a model request so that OpenClaw does not take the provider offline. OpenClaw 2026.9.6
/// classifies a provider error (failover-error.ts, classify-core.ts): 400 with <c>type: invalid_request_error</c> is a
/// "format" failure, which it reports to the user and never counts against the auth profile
/// (auth-profile-failure-policy.ts: format, context_overflow, server_error ... mark no failure). A 403, or a
/// message with words such as "forbidden", "unauthorized" or "expired", is an auth failure and puts the provider in
/// cooldown: one refused prompt would then take the model away from every user for about a minute.
/// </summary>
internal static class RelayRefusal
{
    public const int StatusCode = StatusCodes.Status400BadRequest;

    /// <summary>An OpenAI-style error body whose message names the rules and fields (never prompt text) and no auth words.</summary>
    public static byte[] Body(InspectionOutcome outcome) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["error"] = new Dictionary<string, object?>
        {
            ["message"] = outcome.Reason ?? "Refused by the prompt security policy.",
            ["type"] = "invalid_request_error",
            ["code"] = outcome.Verdict == InspectionVerdict.BadRequest ? "invalid_json" : "prompt_rejected",
        },
    });
}
