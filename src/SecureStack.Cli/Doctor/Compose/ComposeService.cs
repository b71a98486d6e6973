using System.Globalization;

namespace SecureStack.Cli.Doctor.Compose;

/// <summary>One service of the compose file, with the settings the hardening checks read.</summary>
internal sealed class ComposeService
{
    public const string OpenClawImage = "ghcr.io/openclaw/openclaw";

    public ComposeService(string name, YamlMap settings)
    {
        Name = name;
        Settings = settings;
    }

    public string Name { get; }

    public YamlMap Settings { get; }

    public string Target => $"service {Name}";

    public string? Image => Settings.String("image");

    public bool IsOpenClaw => Image?.StartsWith(OpenClawImage + ":", StringComparison.Ordinal) == true
        || Image?.StartsWith(OpenClawImage + "@", StringComparison.Ordinal) == true;

    /// <summary>The egress firewall: the one service allowed NET_ADMIN (nftables) and root inside its container.</summary>
    public bool IsEgress => Name == "egress";

    public bool IsProxy => Name == "proxy";

    /// <summary>A one-shot job (restart "no") that exits after its work, such as the binary export.</summary>
    public bool IsOneShot => Settings.String("restart") == "no";

    public IReadOnlyList<string> CapAdd => [.. Settings.List("cap_add").Select(NormaliseCapability)];

    public IReadOnlyList<string> CapDrop => [.. Settings.List("cap_drop").Select(NormaliseCapability)];

    /// <summary>The compose profiles the service belongs to; empty for the services <c>docker compose up</c> starts.</summary>
    public IReadOnlyList<string> Profiles => Settings.List("profiles");

    /// <summary>Networks by name (short list or long map form); empty with network_mode set.</summary>
    public IReadOnlyList<string> Networks => Settings.Map("networks") is { } map ? [.. map.Keys] : Settings.List("networks");

    public YamlMap? NetworkSettings(string network) => Settings.Map("networks")?.Map(network);

    public IReadOnlyList<VolumeMount> Volumes => [.. Settings.List("volumes").Where(v => v.Length > 0).Select(VolumeMount.Parse)
        .Concat(Settings.MapList("volumes").Select(VolumeMount.FromLongForm))];

    /// <summary>Environment as a dictionary, from either the map or the KEY=value list form.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            if (Settings.Map("environment") is { } map)
            {
                return map.Keys.ToDictionary(k => k, k => map.String(k) ?? "", StringComparer.Ordinal);
            }
            return Settings.List("environment").Select(e => e.Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        }
    }

    /// <summary>The user's numeric uid, or null when unset or given as a name.</summary>
    public long? Uid
    {
        get
        {
            var user = Settings.String("user");
            if (string.IsNullOrWhiteSpace(user))
            {
                return null;
            }
            var uid = user.Split(':')[0];
            return long.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : uid == "root" ? 0 : null;
        }
    }

    private static string NormaliseCapability(string capability)
    {
        var upper = capability.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }
}
