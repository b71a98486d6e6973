namespace SecureStack.Quarantine;

/// <summary>Reads <see cref="QuarantineOptions"/> from explicit values (command-line options), else the environment, else defaults under the home directory.</summary>
public static class QuarantineEnvironment
{
    /// <summary>The options as given; <see cref="QuarantineOptions.Validate"/> judges them when the service starts.</summary>
    public static QuarantineOptions Read(
        string? databasePath = null,
        string? quarantineDirectory = null,
        IReadOnlyList<string>? skillRoots = null,
        Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var home = env("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var stateDir = Path.Combine(home, ".securestack");
        var roots = skillRoots is { Count: > 0 }
            ? skillRoots
            : env(QuarantineOptions.SkillRootsVariable) is { Length: > 0 } list
                ? list.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : QuarantineOptions.DefaultSkillRoots(home);
        return new QuarantineOptions
        {
            DatabasePath = Path.GetFullPath(NonEmpty(databasePath) ?? NonEmpty(env(QuarantineOptions.DatabaseVariable)) ?? Path.Combine(stateDir, "quarantine.db")),
            QuarantineDirectory = Path.GetFullPath(NonEmpty(quarantineDirectory) ?? NonEmpty(env(QuarantineOptions.QuarantineDirectoryVariable)) ?? Path.Combine(stateDir, "quarantine")),
            SkillRoots = [.. roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)))],
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
