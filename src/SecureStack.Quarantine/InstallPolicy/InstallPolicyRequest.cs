using System.Text.Json;

namespace SecureStack.Quarantine.InstallPolicy;

/// <summary>
/// The request OpenClaw writes to the policy command's stdin (docs/tools/skills-config.md, "Operator Install Policy"):
/// <c>protocolVersion</c> 1, <c>targetType</c> skill|plugin, <c>targetName</c>, the staged <c>sourcePath</c> and its
/// <c>sourcePathKind</c> (directory|file), plus <c>source</c>, <c>origin</c> and <c>request</c> descriptions.
/// </summary>
public sealed record InstallPolicyRequest(
    string TargetType,
    string TargetName,
    string SourcePath,
    string SourcePathKind,
    string? OpenClawVersion,
    string? SourceKind,
    string? RequestKind,
    string? Mode,
    string? Specifier)
{
    /// <summary>Parses and checks a request; the error names what is wrong (the caller turns it into a block).</summary>
    public static InstallPolicyRequest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InstallPolicyRequestException($"the request is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InstallPolicyRequestException("the request is not a JSON object");
            }

            if (!root.TryGetProperty("protocolVersion", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v) || v != InstallPolicyDecision.ProtocolVersion)
            {
                var shown = root.TryGetProperty("protocolVersion", out var raw) ? raw.GetRawText() : "missing";
                throw new InstallPolicyRequestException($"unsupported install policy protocolVersion {shown}; securestack speaks version {InstallPolicyDecision.ProtocolVersion}");
            }

            var targetType = Required(root, "targetType");
            if (targetType is not ("skill" or "plugin"))
            {
                throw new InstallPolicyRequestException($"unknown targetType \"{targetType}\"");
            }

            var sourcePath = Required(root, "sourcePath");
            if (!Path.IsPathFullyQualified(sourcePath))
            {
                throw new InstallPolicyRequestException($"sourcePath \"{sourcePath}\" is not absolute");
            }

            return new InstallPolicyRequest(
                targetType,
                Required(root, "targetName"),
                sourcePath,
                Optional(root, "sourcePathKind") ?? "directory",
                Optional(root, "openclawVersion"),
                Nested(root, "source", "kind"),
                Nested(root, "request", "kind"),
                Nested(root, "request", "mode"),
                Nested(root, "request", "requestedSpecifier"));
        }
    }

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) is { Length: > 0 } value ? value : throw new InstallPolicyRequestException($"the request has no {name}");

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Nested(JsonElement root, string outer, string inner) =>
        root.TryGetProperty(outer, out var o) && o.ValueKind == JsonValueKind.Object ? Optional(o, inner) : null;
}
