using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureStack.Testing;

/// <summary>One line of a service's JSON log (proxy, egress proxy, watcher), as <c>ServiceLog</c> writes it.</summary>
public static class ServiceLogLine
{
    /// <summary>The watcher moved a skill to quarantine (<c>WatchLog.Quarantined</c>).</summary>
    public const int SkillQuarantined = 4001;

    /// <summary>The watcher found a skill clean (<c>WatchLog.Clean</c>).</summary>
    public const int SkillClean = 4002;

    /// <summary>The watcher finished a sweep of every root (<c>WatchLog.Swept</c>).</summary>
    public const int RootsSwept = 4006;

    /// <summary>The line as a JSON object; null when it is not one.</summary>
    public static JsonObject? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the line is a log entry with this event id.</summary>
    public static bool IsEvent(string line, int eventId) =>
        Parse(line)?["EventId"] is JsonValue id && id.TryGetValue<int>(out var value) && value == eventId;

    /// <summary>A named value of the entry's message (under State), as text; null when absent.</summary>
    public static string? Value(string line, string name) => Parse(line)?["State"]?[name]?.ToString();
}
