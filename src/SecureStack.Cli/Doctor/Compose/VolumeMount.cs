namespace SecureStack.Cli.Doctor.Compose;

/// <summary>One entry of a service's <c>volumes</c>: a named volume or a host bind mount.</summary>
internal sealed record VolumeMount(string Source, string Target, bool ReadOnly)
{
    /// <summary>Host paths start with . / ~ or a ${VAR} that compose substitutes; anything else names a volume.</summary>
    public bool IsBind => Source.StartsWith('.') || Source.StartsWith('/') || Source.StartsWith('~') || Source.StartsWith("${", StringComparison.Ordinal);

    /// <summary><c>source:target[:options]</c>, where the source may be <c>${VAR:-default}</c> holding its own colon.</summary>
    public static VolumeMount Parse(string spec)
    {
        var sourceEnd = spec.StartsWith("${", StringComparison.Ordinal) ? spec.IndexOf('}', StringComparison.Ordinal) + 1 : 0;
        var colon = spec.IndexOf(':', Math.Max(sourceEnd, 0));
        if (colon < 0)
        {
            return new VolumeMount("", spec, false); // an anonymous volume
        }
        var source = spec[..colon];
        var rest = spec[(colon + 1)..].Split(':');
        var options = rest.Length > 1 ? rest[1].Split(',') : [];
        return new VolumeMount(source, rest[0], options.Contains("ro"));
    }

    public static VolumeMount FromLongForm(YamlMap map)
    {
        var source = map.String("source") ?? "";
        var bind = map.String("type") == "bind" && !source.StartsWith('.') && !source.StartsWith('/') ? "./" + source : source;
        return new VolumeMount(bind, map.String("target") ?? "", map.Bool("read_only") == true);
    }
}
