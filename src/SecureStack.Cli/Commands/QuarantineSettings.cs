using System.CommandLine;
using SecureStack.Audit;
using SecureStack.Quarantine;
using SecureStack.Scanner;

namespace SecureStack.Cli.Commands;

/// <summary>The options every quarantine-related command shares, and opening the manager, scanner and audit log from them.</summary>
internal sealed class QuarantineSettings
{
    private readonly Option<string?> _db = new("--db") { Description = "The SQLite state file (default: $SECURESTACK_DB, else ~/.securestack/quarantine.db)." };
    private readonly Option<string?> _quarantineDir = new("--quarantine-dir") { Description = "Where quarantined skills go (default: $SECURESTACK_QUARANTINE_DIR, else ~/.securestack/quarantine)." };
    private readonly Option<string[]> _roots = new("--skill-root")
    {
        Description = "A skill directory to guard; repeat for several (default: $SECURESTACK_SKILL_ROOTS, colon-separated, else OpenClaw's roots under $HOME).",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string?> _rules = new("--rules") { Description = "The scanner rule file (default: $SECURESTACK_CONFIG_DIR/scanner-rules.json, else config/scanner-rules.json)." };
    private readonly Option<string?> _log = new("--log") { Description = "The audit log file (default: $AUDIT_LOG_PATH)." };
    private readonly Option<string> _failOn = new("--fail-on")
    {
        Description = "Quarantine (or block) skills the scanner judges at or above this verdict: malicious (default) or suspicious.",
        DefaultValueFactory = _ => "malicious",
    };

    public QuarantineSettings() => _failOn.AcceptOnlyFromAmong("suspicious", "malicious");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _db, _quarantineDir, _roots, _rules, _log, _failOn })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Opens everything; on failure writes a message naming the setting and returns null.</summary>
    public Opened? Open(ParseResult parse, TextWriter error)
    {
        SkillScanner? scanner = null;
        AuditLog? audit = null;
        try
        {
            var options = QuarantineOptions.FromEnvironment(parse.GetValue(_db), parse.GetValue(_quarantineDir), parse.GetValue(_roots)) with
            {
                FailOn = Enum.Parse<Scanner.Verdicts.VerdictLevel>(parse.GetValue(_failOn)!, ignoreCase: true),
            };
            var configDir = Environment.GetEnvironmentVariable("SECURESTACK_CONFIG_DIR") is { Length: > 0 } dir ? dir : "config";
            var rules = parse.GetValue(_rules) ?? Path.Combine(configDir, "scanner-rules.json");
            var egress = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rules)) ?? ".", "egress-allowlist.conf");
            scanner = SkillScanner.Create(new ScannerOptions { RulesPath = rules, EgressAllowlistPath = File.Exists(egress) ? egress : null });
            audit = AuditLog.Open(AuditLogOptions.FromEnvironment(parse.GetValue(_log)));
            var adapter = new SkillScannerAdapter(scanner);
            return new Opened(QuarantineManager.Open(options, adapter, audit), adapter, scanner, audit);
        }
        catch (Exception e) when (e is QuarantineConfigurationException or Quarantine.State.QuarantineStateException or ScannerConfigurationException
            or AuditConfigurationException or AuditLogUnavailableException or IOException or UnauthorizedAccessException or QuarantineException)
        {
            scanner?.Dispose();
            audit?.Dispose();
            error.WriteLine(e.Message);
            return null;
        }
    }

    /// <summary>The audit log alone, to record a refusal after <see cref="Open"/> failed; null when it cannot be opened either.</summary>
    public AuditLog? TryOpenAudit(ParseResult parse)
    {
        try
        {
            return AuditLog.Open(AuditLogOptions.FromEnvironment(parse.GetValue(_log)));
        }
        catch (Exception e) when (e is AuditConfigurationException or AuditLogUnavailableException)
        {
            return null;
        }
    }

    /// <summary>What <see cref="Open"/> returns; disposing closes the scanner and the audit log.</summary>
    internal sealed record Opened(QuarantineManager Manager, ISkillScanner Scanner, SkillScanner Engine, AuditLog Audit) : IDisposable
    {
        public void Dispose()
        {
            Engine.Dispose();
            Audit.Dispose();
        }
    }
}
