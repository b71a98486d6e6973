using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureStack.Quarantine.InstallPolicy;

/// <summary>The response OpenClaw reads from the policy command's stdout (protocol version 1).</summary>
public sealed record InstallPolicyDecision(string Decision, string? Reason, IReadOnlyList<InstallPolicyFinding> Findings)
{
    public const int ProtocolVersion = 1;
    public const string Allow = "allow";
    public const string Warn = "warn";
    public const string Block = "block";

    /// <summary>OpenClaw's limits: reason and finding text up to 1,000 characters, at most 100 findings.</summary>
    public const int MaxText = 1000;
    public const int MaxFindings = 100;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static InstallPolicyDecision Blocked(string reason, IReadOnlyList<InstallPolicyFinding>? findings = null) =>
        new(Block, Truncate(reason), findings ?? []);

    public string ToJson() => JsonSerializer.Serialize(new Wire(ProtocolVersion, Decision, Reason is null ? null : Truncate(Reason),
        Findings.Count == 0 ? null : [.. Findings.Take(MaxFindings).Select(f => f with
        {
            RuleId = Truncate(f.RuleId),
            Message = Truncate(f.Message),
            File = f.File is null ? null : Truncate(f.File),
            Evidence = string.IsNullOrWhiteSpace(f.Evidence) ? null : Truncate(f.Evidence),
        })]), JsonOptions);

    internal static string Truncate(string text) => text.Length <= MaxText ? text : string.Concat(text.AsSpan(0, MaxText - 3), "...");

    private sealed record Wire(int ProtocolVersion, string Decision, string? Reason, IReadOnlyList<InstallPolicyFinding>? Findings);
}
