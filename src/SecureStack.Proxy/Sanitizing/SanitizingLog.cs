namespace SecureStack.Proxy.Sanitizing;

/// <summary>Log lines of the sanitizer wiring and the model relay (source-generated).</summary>
internal static partial class SanitizingLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Prompt sanitizer loaded {RuleCount} rules from {Path}")]
    public static partial void Loaded(ILogger logger, int ruleCount, string path);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Critical, Message = "Prompt sanitizer unavailable, refusing all model-bound traffic: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Model relay for providers {Providers}")]
    public static partial void RelayEnabled(ILogger logger, string providers);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Model relay refused {Method} {Path} from {SourceIp}: {Reason}")]
    public static partial void RelayRefused(ILogger logger, string method, string path, System.Net.IPAddress sourceIp, string reason);
}
