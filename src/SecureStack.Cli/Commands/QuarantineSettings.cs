using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureStack.Audit;
using SecureStack.Audit.Installation;
using SecureStack.Quarantine;
using SecureStack.Scanner;

namespace SecureStack.Cli.Commands;

/// <summary>The options every quarantine-related command shares, and opening the manager, scanner and audit log from them.</summary>
/// <remarks>Defaults come from the install (<see cref="InstallEnvironment"/>), so the commands work from any directory.</remarks>
internal sealed class QuarantineSettings(QuarantineAccess access)
{
    private readonly Option<string?> _db = new("--db") { Description = "The SQLite state file (default: $SECURESTACK_DB, else the install's, else ~/.securestack/quarantine.db)." };
    private readonly Option<string?> _quarantineDir = new("--quarantine-dir") { Description = "Where quarantined skills go (default: $SECURESTACK_QUARANTINE_DIR, else the install's, else ~/.securestack/quarantine)." };
    private readonly Option<string[]> _roots = new("--skill-root")
    {
        Description = "A skill directory to guard; repeat for several (default: $SECURESTACK_SKILL_ROOTS, colon-separated, else the install's, else OpenClaw's roots under $HOME).",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string?> _rules = new("--rules") { Description = "The scanner rule file (default: scanner-rules.json in $SECURESTACK_CONFIG_DIR, the install's config folder or config/ beside the binary)." };
    private readonly Option<string?> _log = new("--log") { Description = "The audit log file (default: $AUDIT_LOG_PATH, else cli.jsonl in the install's audit folder)." };
    private readonly Option<string> _failOn = new("--fail-on")
    {
        Description = "Quarantine (or block) skills the scanner judges at or above this verdict: malicious (default) or suspicious.",
        DefaultValueFactory = _ => "malicious",
    };

    private bool Service => access == QuarantineAccess.Service;

    public void AddTo(Command command)
    {
        _failOn.AcceptOnlyFromAmong("suspicious", "malicious");
        foreach (var option in new Option[] { _db, _quarantineDir, _roots, _rules, _log, _failOn })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Opens everything; on failure writes a message naming the setting and returns null.</summary>
    public Opened? Open(ParseResult parse, TextWriter error)
    {
        var install = InstallEnvironment.Current;
        ServiceProvider? services = null;
        SkillScanner? engine = null;
        DeferredSkillScanner? deferredScanner = null;
        IDisposable? audit = null;
        try
        {
            services = SkillPipelineSettings.Compose(
                SkillPipelineSettings.Scanner(parse.GetValue(_rules)),
                QuarantineEnvironment.Read(parse.GetValue(_db), parse.GetValue(_quarantineDir), parse.GetValue(_roots), install.Get) with
                {
                    FailOn = Enum.Parse<Scanner.Verdicts.VerdictLevel>(parse.GetValue(_failOn)!, ignoreCase: true),
                });
            var options = services.GetRequiredService<QuarantineOptions>();
            var scannerOptions = services.GetRequiredService<ScannerOptions>();
            ISkillScanner scanner;
            IAuditLog log;
            if (access == QuarantineAccess.Read)
            {
                scanner = deferredScanner = new DeferredSkillScanner(() => SkillScanner.Create(scannerOptions));
                var deferred = new DeferredAuditLog(() => AuditLog.Open(CliAuditLog.Options(parse.GetValue(_log))));
                (audit, log) = (deferred, deferred);
            }
            else
            {
                engine = SkillScanner.Create(scannerOptions);
                scanner = new SkillScannerAdapter(engine);
                var opened = AuditLog.Open(CliAuditLog.Options(parse.GetValue(_log), Service));
                (audit, log) = (opened, opened);
            }

            return new Opened(QuarantineManager.Open(options, scanner, log), scanner, log, [(IDisposable?)engine ?? deferredScanner!, audit, services]);
        }
        catch (Exception e) when (e is OptionsValidationException or QuarantineConfigurationException or Quarantine.State.QuarantineStateException or ScannerConfigurationException
            or AuditConfigurationException or AuditLogUnavailableException or IOException or UnauthorizedAccessException or QuarantineException)
        {
            engine?.Dispose();
            deferredScanner?.Dispose();
            audit?.Dispose();
            services?.Dispose();
            error.WriteLine(e.Message);
            return null;
        }
    }

    /// <summary>The audit log alone, to record a refusal after <see cref="Open"/> failed; null when it cannot be opened either.</summary>
    public AuditLog? TryOpenAudit(ParseResult parse)
    {
        try
        {
            return AuditLog.Open(CliAuditLog.Options(parse.GetValue(_log), Service));
        }
        catch (Exception e) when (e is AuditConfigurationException or AuditLogUnavailableException)
        {
            return null;
        }
    }

    /// <summary>What <see cref="Open"/> returns; disposing closes the scanner and the audit log.</summary>
    internal sealed record Opened(QuarantineManager Manager, ISkillScanner Scanner, IAuditLog Audit, IReadOnlyList<IDisposable> Resources) : IDisposable
    {
        public void Dispose()
        {
            foreach (var resource in Resources)
            {
                resource.Dispose();
            }
        }
    }
}
