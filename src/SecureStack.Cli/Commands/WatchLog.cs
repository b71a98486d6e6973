using Microsoft.Extensions.Logging;

namespace SecureStack.Cli.Commands;

/// <summary>The watcher's log events (4xxx). <c>--quiet</c> raises the level to Warning: quarantines and errors only.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Quarantined {Path} -> {QuarantinePath}: {Reason}")]
    public static partial void Quarantined(ILogger logger, string path, string? quarantinePath, string? reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Clean {Path}")]
    public static partial void Clean(ILogger logger, string path);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Unchanged {Path}")]
    public static partial void Unchanged(ILogger logger, string path);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Skipped {Path}")]
    public static partial void Skipped(ILogger logger, string path);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Checking {Path} failed (retried on the next change or sweep)")]
    public static partial void Failed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Swept {SkillCount} skill(s) in {SkillRoots}")]
    public static partial void Swept(ILogger logger, int skillCount, string skillRoots);
}
