using System.Text;

namespace SecureStack.Audit;

/// <summary>Settings of the audit log; <see cref="FromEnvironment"/> reads the configuration contract.</summary>
public sealed record AuditLogOptions
{
    /// <summary>Rotated files are kept at least this long (FR-10); shorter settings are refused.</summary>
    public const int MinimumRetentionDays = 90;

    public required string Path { get; init; }

    /// <summary>HMAC-SHA256 key; when null the chain uses plain SHA-256.</summary>
    public byte[]? HmacKey { get; init; }

    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Interval;

    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    public bool RotateDaily { get; init; } = true;

    public int RetentionDays { get; init; } = MinimumRetentionDays;

    /// <summary>How often a checkpoint record and the head file are written while events arrive.</summary>
    public TimeSpan CheckpointPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Second location for the head hash, against truncation; defaults to <c>&lt;Path&gt;.head</c>.</summary>
    public string? HeadPath { get; init; }

    public string EffectiveHeadPath => HeadPath ?? Path + ".head";

    /// <summary>Reads AUDIT_LOG_PATH, AUDIT_HMAC_KEY, AUDIT_FSYNC (event | interval:MS), AUDIT_MAX_FILE_MB,
    /// AUDIT_RETENTION_DAYS and AUDIT_HEAD_PATH; <paramref name="pathOverride"/> wins over AUDIT_LOG_PATH.</summary>
    public static AuditLogOptions FromEnvironment(string? pathOverride = null, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var path = pathOverride ?? env("AUDIT_LOG_PATH");
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new AuditConfigurationException("AUDIT_LOG_PATH is not set: give the audit log file with AUDIT_LOG_PATH or --log.");
        }

        var options = new AuditLogOptions { Path = path, HeadPath = NullIfBlank(env("AUDIT_HEAD_PATH")) };
        if (NullIfBlank(env("AUDIT_HMAC_KEY")) is { } key)
        {
            options = options with { HmacKey = Encoding.UTF8.GetBytes(key) };
        }

        if (NullIfBlank(env("AUDIT_FSYNC")) is { } fsync)
        {
            options = ParseFsync(options, fsync);
        }

        if (NullIfBlank(env("AUDIT_MAX_FILE_MB")) is { } maxMb)
        {
            options = options with { MaxFileBytes = ParsePositive("AUDIT_MAX_FILE_MB", maxMb) * 1024 * 1024 };
        }

        if (NullIfBlank(env("AUDIT_RETENTION_DAYS")) is { } days)
        {
            options = options with { RetentionDays = (int)ParsePositive("AUDIT_RETENTION_DAYS", days) };
        }

        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="AuditConfigurationException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new AuditConfigurationException("AUDIT_LOG_PATH is empty.");
        }

        if (RetentionDays < MinimumRetentionDays)
        {
            throw new AuditConfigurationException(
                $"AUDIT_RETENTION_DAYS={RetentionDays} is below the minimum of {MinimumRetentionDays} days (FR-10).");
        }

        if (MaxFileBytes < 4096)
        {
            throw new AuditConfigurationException($"AUDIT_MAX_FILE_MB gives {MaxFileBytes} bytes; rotated files must hold at least 4 KiB.");
        }

        if (FsyncInterval <= TimeSpan.Zero || CheckpointPeriod <= TimeSpan.Zero)
        {
            throw new AuditConfigurationException("AUDIT_FSYNC interval and checkpoint period must be positive.");
        }
    }

    private static AuditLogOptions ParseFsync(AuditLogOptions options, string value)
    {
        if (value.Equals("event", StringComparison.OrdinalIgnoreCase))
        {
            return options with { Fsync = FsyncPolicy.EveryEvent };
        }

        const string Prefix = "interval:";
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value.AsSpan(Prefix.Length), out var ms) && ms > 0)
        {
            return options with { Fsync = FsyncPolicy.Interval, FsyncInterval = TimeSpan.FromMilliseconds(ms) };
        }

        throw new AuditConfigurationException($"AUDIT_FSYNC=\"{value}\" is not understood: use \"event\" or \"interval:MILLISECONDS\".");
    }

    private static long ParsePositive(string name, string value) =>
        long.TryParse(value, out var n) && n > 0
            ? n
            : throw new AuditConfigurationException($"{name}=\"{value}\" must be a positive whole number.");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
