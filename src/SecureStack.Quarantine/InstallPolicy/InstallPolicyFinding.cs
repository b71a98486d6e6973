namespace SecureStack.Quarantine.InstallPolicy;

/// <summary>One finding as OpenClaw's install policy protocol carries it (severity <c>info</c>, <c>warn</c> or <c>critical</c>).</summary>
public sealed record InstallPolicyFinding(string RuleId, string Severity, string Message, string? File, int? Line, string? Evidence);
