using System.Text.Json;

namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>
/// OpenClaw's gateway config, read as JSON with comments and trailing commas (the subset of JSON5 the
/// stack writes). Values are looked up by dotted path, e.g. <c>gateway.auth.mode</c>.
/// </summary>
internal sealed class OpenClawConfig
{
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly JsonElement _root;

    private OpenClawConfig(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public static OpenClawConfig Load(string path) => Parse(File.ReadAllText(path), path);

    public static OpenClawConfig Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, ReadOptions);
            return new OpenClawConfig(source, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new FormatException(
                $"{source}: cannot read line {e.LineNumber + 1}: {e.Message} (the doctor reads JSON with comments; quote keys and strings)", e);
        }
    }

    public JsonElement? Get(string path)
    {
        var current = _root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current;
    }

    public string? String(string path) => Get(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public bool? Bool(string path) => Get(path) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public IReadOnlyList<string>? Strings(string path) => Get(path) is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText())]
        : null;

    /// <summary>A <c>${NAME}</c> reference that OpenClaw resolves from its environment, so the file holds no secret.</summary>
    public static bool IsEnvReference(string? value) =>
        value is { Length: > 3 } && value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') && value.IndexOf('}') == value.Length - 1;
}
