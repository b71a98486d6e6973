using System.Diagnostics.Metrics;
using SecureStack.Proxy.Prompts;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Proxy.Metrics;

/// <summary>
/// Detection counters of the prompt sanitizer, recorded once per decision by <see cref="RequestInspector"/> and
/// <see cref="FrameInspector"/>. One process-wide meter (the inspectors have no container); the proxy exports it.
/// Tags are fixed words only (never rule ids or text), so the series stay few.
/// </summary>
internal static class PromptMetrics
{
    public const string MeterName = "SecureStack.Sanitizer";

    public const string Http = "http";
    public const string Relay = "relay";
    public const string WebSocket = "websocket";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Verdicts = Meter.CreateCounter<long>(
        "securestack.prompt.verdicts", "{decision}",
        "Inspected model-bound requests and frames, by action (allow, rewrite, reject, bad_request), rule family and channel; one count per family that fired.");

    private static readonly Counter<long> ToolResults = Meter.CreateCounter<long>(
        "securestack.relay.tool_results.flagged", "{field}",
        "Tool-result fields in model relay requests on which a rule fired, by the action taken.");

    static PromptMetrics()
    {
        // Exported from the first inspection on, before the relay's first flagged tool result.
        foreach (var action in new[] { "flag", "strip", "reject" })
        {
            ToolResults.Add(0, new KeyValuePair<string, object?>("action", action));
        }
    }

    internal static void Record(string channel, string action, IReadOnlyList<FieldFinding> findings, IReadOnlyList<string> rules)
    {
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            foreach (var rule in finding.RuleIds)
            {
                families.Add(finding.Secret ? "secret" : Family(rule));
            }

            if (channel == Relay && finding.Indirect && !finding.Secret)
            {
                ToolResults.Add(1, new KeyValuePair<string, object?>("action", ActionName(finding.Action)));
            }
        }

        foreach (var rule in rules)
        {
            families.Add(Family(rule));
        }

        if (families.Count == 0)
        {
            families.Add("none");
        }

        foreach (var family in families)
        {
            Verdicts.Add(1,
                new KeyValuePair<string, object?>("action", action),
                new KeyValuePair<string, object?>("family", family),
                new KeyValuePair<string, object?>("channel", channel));
        }
    }

    /// <summary>The family of a rule id: the rule file's injection rules, the classifier, the limits, or a policy refusal.</summary>
    private static string Family(string ruleId) => ruleId switch
    {
        PromptFinding.ModelScore => "classifier",
        PromptFinding.InputTooLarge or PromptFinding.InspectionTimeout => "limit",
        RequestInspector.ClientSystemPromptRule or RequestInspector.UninspectableFileRule => "policy",
        _ => "injection",
    };

    private static string ActionName(PromptRuleAction action) => action switch
    {
        PromptRuleAction.Reject => "reject",
        PromptRuleAction.Strip => "strip",
        PromptRuleAction.Flag => "flag",
        _ => "none",
    };
}
