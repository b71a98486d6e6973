using System.Text.Json;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Inspection;

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

    /// <summary>
    /// A refusal by the prompt policy (rules) or of a body that is not the JSON the operation takes: 400 with an OpenAI-style
    /// error; an inspector that could not decide (503) gets the generic 503 the main path sends.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, InspectionVerdict verdict)
    {
        if (verdict.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            await ProxyResponses.WriteAsync(context, verdict.StatusCode);
            return;
        }

        var error = Body(verdict);
        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = error.Length;
        await context.Response.Body.WriteAsync(error, context.RequestAborted);
    }

    /// <summary>An OpenAI-style error body whose message names the rules and fields (never prompt text) and no auth words.</summary>
    public static byte[] Body(InspectionVerdict verdict) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["error"] = new Dictionary<string, object?>
        {
            ["message"] = verdict.Reason ?? "Refused by the prompt security policy.",
            ["type"] = "invalid_request_error",
            ["code"] = verdict.Rules is null ? "invalid_json" : "prompt_rejected",
        },
    });
}
