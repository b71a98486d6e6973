using SecureStack.Audit;
using SecureStack.Audit.Installation;

namespace SecureStack.Cli.Commands;

/// <summary>The audit log a CLI command writes to: --log, else AUDIT_LOG_PATH, else <see cref="FileName"/> in the install's audit folder.</summary>
internal static class CliAuditLog
{
    /// <summary>The CLI's own file beside the other writers' (proxy.jsonl, watcher.jsonl): one writer per chain.</summary>
    public const string FileName = "cli.jsonl";

    /// <summary>The options; <paramref name="service"/> (watch, install-policy) reads only the environment it was given,
    /// a person's command also the install's .env (AUDIT_HMAC_KEY), as the install's other writers do.</summary>
    public static AuditLogOptions Options(string? pathOverride, bool service = false)
    {
        var install = InstallEnvironment.Current;
        var path = pathOverride ?? install.Get("AUDIT_LOG_PATH")
            ?? (install.Get(InstallEnvironment.AuditDirectoryVariable) is { } directory ? Path.Combine(directory, FileName) : null);
        return AuditLogOptions.FromEnvironment(path, service ? install.Get : install.GetWithEnvFile);
    }
}
