using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SecureStack.Cli.Doctor.Compose;

/// <summary>A parsed docker-compose.yml: services, networks and named volumes (YAML merge keys resolved).</summary>
internal sealed class ComposeFile
{
    private ComposeFile(IReadOnlyList<ComposeService> all, YamlMap networks, IReadOnlySet<string> volumeNames)
    {
        Services = [.. all.Where(s => s.Profiles.Count == 0)];
        ProfiledServices = [.. all.Where(s => s.Profiles.Count > 0)];
        Networks = networks;
        VolumeNames = volumeNames;
    }

    /// <summary>The stack: what <c>docker compose up</c> starts, i.e. every service outside a profile.</summary>
    public IReadOnlyList<ComposeService> Services { get; }

    /// <summary>Services that start only with their profile (<c>monitoring</c>); not part of the checked stack.</summary>
    public IReadOnlyList<ComposeService> ProfiledServices { get; }

    public YamlMap Networks { get; }

    public IReadOnlySet<string> VolumeNames { get; }

    public ComposeService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    /// <summary>The service running the OpenClaw gateway, found by its image.</summary>
    public ComposeService? OpenClaw => Services.FirstOrDefault(s => s.IsOpenClaw);

    public bool IsInternalNetwork(string name) => Networks.Map(name)?.Bool("internal") == true;

    public static ComposeFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static ComposeFile Parse(string yaml, string source)
    {
        object? document;
        try
        {
            using var reader = new StringReader(yaml);
            document = new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(reader)));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}: not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }
        var root = YamlMap.From(document) ?? throw new FormatException($"{source}: not a compose file (no top-level mapping)");
        var services = root.Map("services") ?? throw new FormatException($"{source}: has no services");
        return new ComposeFile(
            [.. services.Keys.Select(name => new ComposeService(name, services.Map(name) ?? YamlMap.Empty))],
            root.Map("networks") ?? YamlMap.Empty,
            new HashSet<string>(root.Map("volumes")?.Keys ?? [], StringComparer.Ordinal));
    }
}
