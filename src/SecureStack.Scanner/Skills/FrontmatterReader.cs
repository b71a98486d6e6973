using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SecureStack.Scanner.Skills;

/// <summary>Reads what SKILL.md's frontmatter declares; OpenClaw's metadata lives under <c>metadata.openclaw</c>.</summary>
internal static class FrontmatterReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    // Older OpenClaw releases used these keys for the same block.
    private static readonly string[] MetadataKeys = ["openclaw", "clawdbot", "clawdis"];

    /// <exception cref="YamlException">The frontmatter is not valid YAML.</exception>
    public static SkillFrontmatter Read(string yaml, int line)
    {
        object? document;
        try
        {
            document = Yaml.Deserialize<object?>(yaml);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's parser throws this for some malformed streams ("...\n[" ends one document and starts no other).
            throw new YamlException($"the YAML parser gave up: {e.Message}", e);
        }

        var root = document as IDictionary<object, object?>;
        var metadata = Child(root, "metadata");
        IDictionary<object, object?>? openclaw = null;
        foreach (var key in MetadataKeys)
        {
            openclaw ??= Child(metadata, key);
        }
        var requires = Child(openclaw, "requires");
        var bins = new HashSet<string>(StringComparer.Ordinal);
        bins.UnionWith(Strings(requires, "bins"));
        bins.UnionWith(Strings(requires, "anyBins"));
        var installs = new List<InstallSpec>();
        if (Value(openclaw, "install") is IList<object?> list)
        {
            foreach (var item in list.OfType<IDictionary<object, object?>>())
            {
                var spec = new InstallSpec(
                    Scalar(item, "kind") ?? "unknown",
                    Scalar(item, "url"),
                    Scalar(item, "sha256"),
                    [.. Strings(item, "bins")]);
                installs.Add(spec);
                bins.UnionWith(spec.Bins);
            }
        }
        return new SkillFrontmatter(
            Scalar(root, "name"),
            Scalar(root, "description"),
            bins,
            new HashSet<string>(Strings(requires, "env").Concat(Strings(openclaw, "primaryEnv")), StringComparer.Ordinal),
            string.Equals(Scalar(openclaw, "always") ?? Scalar(root, "always"), "true", StringComparison.OrdinalIgnoreCase),
            installs,
            line);
    }

    private static object? Value(IDictionary<object, object?>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static IDictionary<object, object?>? Child(IDictionary<object, object?>? map, string key) =>
        Value(map, key) as IDictionary<object, object?>;

    private static string? Scalar(IDictionary<object, object?>? map, string key) => Value(map, key) switch
    {
        string s => s,
        null => null,
        IDictionary<object, object?> or IList<object?> => null,
        var other => other.ToString(),
    };

    private static IEnumerable<string> Strings(IDictionary<object, object?>? map, string key) => Value(map, key) switch
    {
        IList<object?> items => items.OfType<string>(),
        string single => [single],
        _ => [],
    };
}
