using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecureStack.Audit;
using SecureStack.Sanitizer;
using SecureStack.Proxy.Prompts;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Proxy.Sanitizing;

/// <summary>
/// The prompt sanitizer as the proxy uses it, loaded once at start-up with <see cref="PromptSettings"/>.
/// A missing or invalid rule file does not stop the proxy: it keeps serving health and non-prompt traffic,
/// refuses everything model-bound with <see cref="Unavailable"/> as the reason, and /readyz says why.
/// </summary>
internal sealed class PromptSanitizing : IHealthCheck
{
    private PromptSanitizing(RequestInspector? requests, FrameInspector? frames, int ruleCount, string? unavailable)
    {
        Requests = requests;
        Frames = frames;
        RuleCount = ruleCount;
        Unavailable = unavailable;
    }

    /// <summary>The HTTP body inspector (chat completions, responses, hooks, tools/invoke, the model relay); null when the rules failed to load.</summary>
    public RequestInspector? Requests { get; }

    /// <summary>The WebSocket frame inspector; null when the rules failed to load.</summary>
    public FrameInspector? Frames { get; }

    /// <summary>Why model-bound traffic is refused, or null when the sanitizer is working.</summary>
    public string? Unavailable { get; }

    public int RuleCount { get; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Unavailable is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());

    public static PromptSanitizing Load(PromptSettings settings, IAuditLog audit)
    {
        try
        {
            var rules = PromptRuleSet.Load(settings.RulesPath);
            var sanitizer = new PromptSanitizer(rules, audit, settings.Analyzer);
            return new PromptSanitizing(new RequestInspector(sanitizer, settings.Relay, settings.ClientSystemPrompts), new FrameInspector(sanitizer), rules.Rules.Count, null);
        }
        catch (PromptRuleFileException e)
        {
            return new PromptSanitizing(null, null, 0, "prompt rules unavailable: " + e.Message);
        }
    }
}
