using System.Globalization;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Prompts;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Proxy.Sanitizing;

/// <summary>
/// The prompt sanitizer's settings in the proxy, one options type for every path (HTTP bodies, WebSocket frames, the model
/// relay): the rule file, the classifier's operating points, client system prompts, and what the relay does with tool
/// results, secrets and history. <see cref="Read"/> takes them from the environment; <see cref="Validate"/> runs when the
/// host starts and names the first bad setting.
/// </summary>
public sealed record PromptSettings
{
    /// <summary>The prompt rule file (SECURESTACK_CONFIG_DIR/prompt-rules.json, default the install's config/).</summary>
    public required string RulesPath { get; init; }

    /// <summary>
    /// Limits and the classifier scores that flag and refuse (PROMPT_FLAG_THRESHOLD, PROMPT_REJECT_THRESHOLD; unset: the
    /// operating points validated with the shipped model). Tool results are never refused: there a reject score flags.
    /// </summary>
    public SanitizerOptions Analyzer { get; init; } = new();

    /// <summary>Whether client system and developer prompts are inspected or refused (PROXY_CLIENT_SYSTEM_PROMPTS=inspect|refuse).</summary>
    public ClientSystemPrompts ClientSystemPrompts { get; init; }

    /// <summary>Tool results, secrets and history on the model relay (RELAY_TOOL_RESULTS, RELAY_SECRETS, RELAY_INSPECT_FULL_HISTORY).</summary>
    public RelayOptions Relay { get; init; } = new();

    /// <summary>Reads the settings; a value that cannot be parsed throws <see cref="ProxyConfigurationException"/> naming it.</summary>
    public static PromptSettings Read(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new PromptSettings
        {
            RulesPath = PromptRuleSet.DefaultPath(env),
            Analyzer = new SanitizerOptions
            {
                ModelFlagThreshold = Probability(env, "PROMPT_FLAG_THRESHOLD"),
                ModelRejectThreshold = Probability(env, "PROMPT_REJECT_THRESHOLD"),
            },
            ClientSystemPrompts = Value(env, "PROXY_CLIENT_SYSTEM_PROMPTS") switch
            {
                null or "inspect" => ClientSystemPrompts.Inspect,
                "refuse" => ClientSystemPrompts.Refuse,
                var other => throw new ProxyConfigurationException($"PROXY_CLIENT_SYSTEM_PROMPTS=\"{other}\" is not understood: use \"inspect\" or \"refuse\"."),
            },
            Relay = new RelayOptions
            {
                ToolResults = Value(env, "RELAY_TOOL_RESULTS") switch
                {
                    null or "flag" => ToolResultMode.Flag,
                    "strip" => ToolResultMode.Strip,
                    var other => throw new ProxyConfigurationException($"RELAY_TOOL_RESULTS=\"{other}\" is not understood: use flag or strip."),
                },
                Secrets = Value(env, "RELAY_SECRETS") switch
                {
                    null or "redact" => SecretMode.Redact,
                    "flag" => SecretMode.Flag,
                    "reject" => SecretMode.Reject,
                    var other => throw new ProxyConfigurationException($"RELAY_SECRETS=\"{other}\" is not understood: use redact, flag or reject."),
                },
                InspectFullHistory = Value(env, "RELAY_INSPECT_FULL_HISTORY") switch
                {
                    null or "false" => false,
                    "true" => true,
                    var other => throw new ProxyConfigurationException($"RELAY_INSPECT_FULL_HISTORY=\"{other}\" must be true or false."),
                },
            },
        };
    }

    /// <summary>0 &lt; flag ≤ reject ≤ 1, where an unset threshold is the shipped model's (loaded only when one is set); then the analyzer's own limits.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(RulesPath), "SECURESTACK_CONFIG_DIR gives no prompt rule file: set it to the folder holding prompt-rules.json.");
        if (Analyzer.ModelFlagThreshold is not null || Analyzer.ModelRejectThreshold is not null)
        {
            Require(Analyzer.ModelFlagThreshold is null or (> 0 and <= 1), string.Create(CultureInfo.InvariantCulture,
                $"PROMPT_FLAG_THRESHOLD={Analyzer.ModelFlagThreshold} must be a classifier probability above 0 and at most 1."));
            Require(Analyzer.ModelRejectThreshold is null or (> 0 and <= 1), string.Create(CultureInfo.InvariantCulture,
                $"PROMPT_REJECT_THRESHOLD={Analyzer.ModelRejectThreshold} must be a classifier probability above 0 and at most 1."));
            var model = InjectionModel.Shipped;
            var flag = Analyzer.ModelFlagThreshold ?? model.FlagThreshold;
            var reject = Analyzer.ModelRejectThreshold ?? model.RejectThreshold;
            Require(flag <= reject, string.Create(CultureInfo.InvariantCulture,
                $"PROMPT_FLAG_THRESHOLD={flag} is above PROMPT_REJECT_THRESHOLD={reject} (an unset one is the shipped model's): flag at or below the reject score."));
        }

        try
        {
            Analyzer.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ProxyConfigurationException(e.Message);
        }
    }

    private static float? Probability(Func<string, string?> env, string name) =>
        Value(env, name) is { } v
            ? float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && float.IsFinite(p) ? p
                : throw new ProxyConfigurationException($"{name}=\"{v}\" must be a number.")
            : null;

    private static string? Value(Func<string, string?> env, string name) =>
        env(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ProxyConfigurationException(message);
        }
    }
}
