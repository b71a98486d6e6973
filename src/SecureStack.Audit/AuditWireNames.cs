using System.Collections.Frozen;

namespace SecureStack.Audit;

/// <summary>The snake_case names the log uses on disk for enum values.</summary>
public static class AuditWireNames
{
    private static readonly FrozenDictionary<AuditEventType, string> EventNames =
        Enum.GetValues<AuditEventType>().ToFrozenDictionary(t => t, t => SnakeCase(t.ToString()));

    private static readonly FrozenDictionary<string, AuditEventType> EventsByName =
        EventNames.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Of(AuditEventType type) => EventNames[type];

    public static string Of(AuditResult result) => result.ToString().ToLowerInvariant();

    public static string Of(RiskLevel risk) => risk.ToString().ToLowerInvariant();

    public static bool TryParseEventType(string name, out AuditEventType type) =>
        EventsByName.TryGetValue(name, out type);

    public static bool TryParseResult(string name, out AuditResult result) =>
        Enum.TryParse(name, ignoreCase: true, out result) && Enum.IsDefined(result) && !name.Any(char.IsDigit);

    public static bool TryParseRisk(string name, out RiskLevel risk) =>
        Enum.TryParse(name, ignoreCase: true, out risk) && Enum.IsDefined(risk) && !name.Any(char.IsDigit);

    private static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
