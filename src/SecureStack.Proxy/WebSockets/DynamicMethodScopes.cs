using System.Text.Json;
using System.Text.RegularExpressions;
using SecureStack.Proxy.Prompts;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// The scope a "dynamic" gateway method needs for these params, mirroring OpenClaw 2026.9.6
/// (method-scopes.ts <c>resolveDynamicLeastPrivilegeOperatorScopesForMethod</c> and session-method-scopes.ts). Where the
/// proxy cannot follow the gateway (node.invoke's per-node command lists, plugin session actions) it asks for admin,
/// and a dynamic method it does not know asks for admin too.
/// </summary>
internal static partial class DynamicMethodScopes
{
    public const string Read = "operator.read";
    public const string Write = "operator.write";
    public const string Pairing = "operator.pairing";
    public const string TalkSecrets = "operator.talk.secrets";

    /// <summary>The dynamic methods this class follows; a test compares it with the gateway's table.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "agent", "sessions.create", "sessions.patch", "sessions.patchMany", "sessions.delete", "sessions.dispatch", "sessions.move",
        "environments.list", "fs.listDir", "talk.config", "channels.pairing.approve", "node.invoke", "plugins.sessionAction",
    };

    private static readonly HashSet<string> PatchMutations = new(StringComparer.Ordinal)
    {
        "label", "autoLabel", "icon", "color", "category", "boardFace", "boardPresentation", "pinned", "archived", "unread",
        "model", "agentRuntime", "thinkingLevel", "fastMode", "permissionMode",
    };

    private static readonly HashSet<string> PatchEnvelope = new(StringComparer.Ordinal)
    {
        "key", "agentId", "expectedSessionId", "expectedLifecycleRevision", "expectedPermissionMode", "expectedMarkedUnreadAt",
    };

    private static readonly HashSet<string> DeleteFields = new(StringComparer.Ordinal) { "key", "agentId", "deleteTranscript", "expectedSessionId", "archivedOnly" };

    public static string Of(string method, JsonElement parameters)
    {
        var p = parameters.ValueKind == JsonValueKind.Object ? parameters : default;
        return method switch
        {
            "agent" => Text(p, "message") is { } message && ResetCommand().IsMatch(message) ? GatewayMethods.Admin : Write,
            "sessions.create" => SessionsCreate(p),
            "sessions.patch" => SessionsPatch(p, PatchEnvelope),
            "sessions.patchMany" => Has(p, "patch", out var patch) && patch.ValueKind == JsonValueKind.Object ? SessionsPatch(patch, null) : Write,
            "sessions.delete" => IsTrue(p, "archivedOnly") && Keys(p).All(DeleteFields.Contains) ? Write : GatewayMethods.Admin,
            "sessions.dispatch" => Has(p, "deviceId", out _) || IsTrue(p, "autoDevice") ? Write : GatewayMethods.Admin,
            "sessions.move" => Has(p, "target", out var target) && Text(target, "kind") == "profile" ? GatewayMethods.Admin : Write,
            "environments.list" => Text(p, "runtimeId") is { Length: > 0 } ? Write : Read,
            "fs.listDir" => Has(p, "nodeId", out _) ? GatewayMethods.Admin : Write,
            "talk.config" => IsTrue(p, "includeSecrets") ? TalkSecrets : Read,
            "channels.pairing.approve" => IsTrue(p, "bootstrapCommandOwner") ? GatewayMethods.Admin : Pairing,
            _ => GatewayMethods.Admin,
        };
    }

    private static string SessionsCreate(JsonElement p) =>
        IsTrue(p, "incognito") || IsIncognito(Text(p, "key")) || IsIncognito(Text(p, "parentSessionKey"))
            || Has(p, "execNode", out _) || Has(p, "toolOverrides", out _) || Text(p, "permissionMode") == "full"
            ? GatewayMethods.Admin
            : Write;

    private static string SessionsPatch(JsonElement p, HashSet<string>? envelope)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            return Write;
        }

        if (Text(p, "permissionMode") == "full" || Has(p, "sandboxMode", out _))
        {
            return GatewayMethods.Admin;
        }

        return Keys(p).All(k => PatchMutations.Contains(k) || envelope?.Contains(k) == true) ? Write : GatewayMethods.Admin;
    }

    private static bool IsIncognito(string? key) =>
        key is not null && IncognitoKey().IsMatch(JsText.Trim(key).ToLowerInvariant());

    private static IEnumerable<string> Keys(JsonElement p) =>
        p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().Select(e => e.Name) : [];

    private static bool Has(JsonElement p, string name, out JsonElement value)
    {
        value = default;
        return p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out value);
    }

    private static bool IsTrue(JsonElement p, string name) => Has(p, name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement p, string name) => Has(p, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^/(new|reset)(?:\s+([\s\S]*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ResetCommand();

    [GeneratedRegex(@"^agent:[^:]+:(?:dashboard|subagent|internal-session-effects):incognito-[^:]+$")]
    private static partial Regex IncognitoKey();
}
