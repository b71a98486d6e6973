namespace SecureStack.Cli.Doctor.Env;

/// <summary>A .env file: its NAME=value lines (last one wins, as in compose) and its Unix permissions.</summary>
internal sealed class EnvFile
{
    private EnvFile(string path, IReadOnlyDictionary<string, string> values, UnixFileMode mode)
    {
        Path = path;
        Values = values;
        Mode = mode;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Values { get; }

    public UnixFileMode Mode { get; }

    public string? Get(string name) => Values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static EnvFile Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.IndexOf('=', StringComparison.Ordinal) is var eq && eq <= 0)
            {
                continue;
            }
            values[trimmed[..eq].Trim()] = Unquote(trimmed[(eq + 1)..].Trim());
        }
        return new EnvFile(path, values, File.GetUnixFileMode(path));
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
