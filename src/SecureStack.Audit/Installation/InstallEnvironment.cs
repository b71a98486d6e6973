namespace SecureStack.Audit.Installation;

/// <summary>
/// Where this install keeps its settings and state, so the <c>securestack</c> CLI works from any directory.
/// A setting is read from the process environment first, then from the install marker that <c>install.sh</c>
/// writes beside the binary (<see cref="MarkerFileName"/>: the effective paths, no secrets), and only for commands
/// a person runs, then from the install's <c>.env</c>. The configuration folder is <c>SECURESTACK_CONFIG_DIR</c>, else <c>config/</c> beside
/// the binary; never the current directory. Lives in the Audit project because every component references it.
/// </summary>
public sealed class InstallEnvironment
{
    /// <summary>The marker install.sh writes beside the binary it builds.</summary>
    public const string MarkerFileName = "securestack.env";

    /// <summary>The install's root (the checkout install.sh ran in).</summary>
    public const string HomeVariable = "SECURESTACK_HOME";

    /// <summary>The install's .env (default: .env in <see cref="HomeVariable"/>).</summary>
    public const string EnvFileVariable = "SECURESTACK_ENV_FILE";

    public const string ConfigDirectoryVariable = "SECURESTACK_CONFIG_DIR";

    /// <summary>The configuration folder's name in a checkout and beside a published binary.</summary>
    public const string ConfigFolderName = "config";

    /// <summary>The folder of the install's audit logs, one active file per writer (proxy.jsonl, watcher.jsonl, ...).</summary>
    public const string AuditDirectoryVariable = "SECURESTACK_AUDIT_DIR";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static readonly Lazy<InstallEnvironment> CurrentInstall = new(() => Discover());

    private readonly Func<string, string?> _process;
    private readonly IReadOnlyDictionary<string, string> _marker;
    private readonly IReadOnlyDictionary<string, string> _dotEnv;

    private InstallEnvironment(Func<string, string?> process, string binaryDirectory, string? markerPath,
        IReadOnlyDictionary<string, string> marker, string? envFilePath, IReadOnlyDictionary<string, string> dotEnv)
    {
        _process = process;
        _marker = marker;
        _dotEnv = dotEnv;
        BinaryDirectory = binaryDirectory;
        MarkerPath = markerPath;
        EnvFilePath = envFilePath;
    }

    /// <summary>The install of the running binary and this process's environment.</summary>
    public static InstallEnvironment Current => CurrentInstall.Value;

    /// <summary>The folder of the running binary (a symlink on PATH resolves to it).</summary>
    public string BinaryDirectory { get; }

    /// <summary>The install marker that was read; null when the binary was not installed by install.sh.</summary>
    public string? MarkerPath { get; }

    /// <summary>The install's .env that was read; null when there is none (or it cannot be read).</summary>
    public string? EnvFilePath { get; }

    /// <summary>The install's root, when known: from the environment or the marker.</summary>
    public string? Home => Get(HomeVariable);

    /// <summary>The folder of the rule files and the egress allowlist.</summary>
    public string ConfigDirectory => Get(ConfigDirectoryVariable) ?? ConfigDirectoryIn(BinaryDirectory);

    /// <summary>A setting: the process environment, else the install marker; null when unset or empty.</summary>
    public string? Get(string name) => NonEmpty(_process(name)) ?? NonEmpty(_marker.GetValueOrDefault(name));

    /// <summary>
    /// As <see cref="Get"/>, then the install's .env, which holds the secrets (AUDIT_HMAC_KEY, the provider keys).
    /// Only for commands a person runs: services get exactly the environment install.sh or compose gives them.
    /// </summary>
    public string? GetWithEnvFile(string name) => Get(name) ?? NonEmpty(_dotEnv.GetValueOrDefault(name));

    /// <summary>The configuration folder of a checkout or install root.</summary>
    public static string ConfigDirectoryIn(string root) => Path.Combine(root, ConfigFolderName);

    /// <summary>The <c>.env</c> of a checkout or install root.</summary>
    public static string EnvFileIn(string root) => Path.Combine(root, ".env");

    /// <summary>A file of the configuration folder, e.g. <c>prompt-rules.json</c>.</summary>
    public string ConfigFile(string fileName) => Path.Combine(ConfigDirectory, fileName);

    /// <summary>
    /// The install's active audit logs: <c>AUDIT_LOG_PATH</c> when set, else every active <c>*.jsonl</c> in
    /// <see cref="AuditDirectoryVariable"/> (rotated segments are found from their active file); empty when neither is known.
    /// </summary>
    public IReadOnlyList<string> AuditLogs()
    {
        if (Get("AUDIT_LOG_PATH") is { } path)
        {
            return [path];
        }

        if (Get(AuditDirectoryVariable) is not { } directory || !Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*.jsonl")
            .Where(p => !Path.GetFileNameWithoutExtension(p).Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Finds the install of a binary in <paramref name="binaryDirectory"/> (default: this process's).</summary>
    public static InstallEnvironment Discover(Func<string, string?>? environment = null, string? binaryDirectory = null)
    {
        var process = environment ?? Environment.GetEnvironmentVariable;
        var binary = Path.TrimEndingDirectorySeparator(binaryDirectory ?? AppContext.BaseDirectory);
        var markerPath = Path.Combine(binary, MarkerFileName);
        var marker = ReadEnvFile(markerPath);
        var home = NonEmpty(process(HomeVariable)) ?? NonEmpty(marker?.GetValueOrDefault(HomeVariable));
        var envFile = NonEmpty(process(EnvFileVariable)) ?? NonEmpty(marker?.GetValueOrDefault(EnvFileVariable))
            ?? (home is null ? null : EnvFileIn(home));
        var dotEnv = envFile is null ? null : ReadEnvFile(envFile);
        return new InstallEnvironment(process, binary, marker is null ? null : markerPath, marker ?? Empty,
            dotEnv is null ? null : envFile, dotEnv ?? Empty);
    }

    /// <summary>NAME=value lines (last one wins, optional quotes, # comments); null when the file cannot be read.</summary>
    public static IReadOnlyDictionary<string, string>? ReadEnvFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (trimmed.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var value = trimmed[(eq + 1)..].Trim();
            values[trimmed[..eq].Trim()] = value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
        }

        return values;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
