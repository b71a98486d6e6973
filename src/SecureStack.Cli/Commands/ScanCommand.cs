using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureStack.Scanner;
using SecureStack.Scanner.Output;
using SecureStack.Audit;
using SecureStack.Audit.Installation;
using SecureStack.Quarantine;
using SecureStack.Scanner.Skills;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack scan PATH...</c>: scan skills and report as a table, JSON or SARIF.</summary>
internal static class ScanCommand
{
    public const int Clean = 0;
    public const int Flagged = 1;
    public const int Error = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Skill folders, folders of skills, or single files to scan.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: table (default), json (the ScanReport array) or sarif (SARIF 2.1.0).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "sarif");
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a skill's verdict is at or above suspicious or malicious, or (old style) when any finding is at or above a severity: info, low, medium, high (default) or critical. --quarantine acts on the verdict: the one given here, else malicious.",
            DefaultValueFactory = _ => "high",
        };
        failOn.AcceptOnlyFromAmong("info", "low", "medium", "high", "critical", "suspicious", "malicious");
        var rules = new Option<string>("--rules")
        {
            Description = "The scanner rule file (default: scanner-rules.json in $SECURESTACK_CONFIG_DIR, the install's config folder or config/ beside the binary).",
            DefaultValueFactory = _ => InstallEnvironment.Current.ConfigFile("scanner-rules.json"),
        };
        var egress = new Option<string?>("--egress-allowlist")
        {
            Description = "Egress allowlist that network destinations are checked against (default: egress-allowlist.conf beside the rules, when present).",
        };
        var metadata = new Option<string?>("--metadata") { Description = "Registry metadata JSON for the trust score, used instead of the skill's own _meta.json/origin.json." };
        var community = new Option<string?>("--community-allowlist") { Description = "Opt-in community allowlist: lines of \"skill-name sha256\"." };
        var pin = new Option<bool>("--pin") { Description = "Pin every skill that passes --fail-on to its current checksum in the quarantine database; a later change is a critical finding." };
        var quarantine = new Option<bool>("--quarantine") { Description = "Move every skill flagged at or above --fail-on into quarantine (needs the audit log: --log, $AUDIT_LOG_PATH or an install)." };
        var db = new Option<string?>("--db") { Description = "The SQLite state file holding pins and quarantine state (default: $SECURESTACK_DB, else the install's). With it, pinned skills are checked." };
        var log = new Option<string?>("--log") { Description = "The audit log file for --pin and --quarantine (default: $AUDIT_LOG_PATH, else cli.jsonl in the install's audit folder)." };

        var command = new Command("scan",
            "Scan OpenClaw skills (SKILL.md, JS/TS, shell, Python, binaries) for malicious patterns. " +
            "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above --fail-on, 2 error (bad rules, missing path, unusable database).")
        {
            paths, format, output, failOn, rules, egress, metadata, community, pin, quarantine, db, log,
        };
        command.SetAction(parse =>
        {
            var options = SkillPipelineSettings.Scanner(parse.GetValue(rules), parse.GetValue(egress), parse.GetValue(metadata), parse.GetValue(community));
            var state = new ScanState(parse.GetValue(pin), parse.GetValue(quarantine), parse.GetValue(db) ?? InstallEnvironment.Current.Get("SECURESTACK_DB"), parse.GetValue(log));
            return Run(parse.GetValue(paths)!, parse.GetValue(format)!, parse.GetValue(output), FailThreshold.Parse(parse.GetValue(failOn)!), options, state);
        });
        return command;
    }

    internal static int Run(IReadOnlyList<string> paths, string format, string? output, FailThreshold failOn, ScannerOptions options, ScanState? state = null)
    {
        state ??= new ScanState(Pin: false, Quarantine: false, Database: null, AuditLog: null);
        if ((state.Pin || state.Quarantine) && string.IsNullOrEmpty(state.Database))
        {
            Console.Error.WriteLine("securestack scan: --pin and --quarantine need the state database: pass --db FILE or set SECURESTACK_DB");
            return Error;
        }

        AuditLog? audit = null;
        QuarantineManager? manager = null;
        try
        {
            var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
            if (missing is not null)
            {
                Console.Error.WriteLine($"securestack scan: {missing}: no such file or directory");
                return Error;
            }
            var targets = paths.SelectMany(SkillTarget.Expand).Distinct(StringComparer.Ordinal).ToList();
            var quarantineOptions = string.IsNullOrEmpty(state.Database) ? null
                : QuarantineEnvironment.Read(state.Database, env: InstallEnvironment.Current.Get) with { FailOn = failOn.Verdict ?? VerdictLevel.Malicious };
            using var services = SkillPipelineSettings.Compose(options, quarantineOptions);
            using var scanner = SkillScanner.Create(services.GetRequiredService<ScannerOptions>());
            if (quarantineOptions is not null)
            {
                audit = AuditLog.Open(CliAuditLog.Options(state.AuditLog));
                manager = QuarantineManager.Open(services.GetRequiredService<QuarantineOptions>(), new SkillScannerAdapter(scanner), audit);
            }
            using var bar = new ProgressBar(Console.Error, targets.Count > 1 && !Console.IsErrorRedirected);
            var scanned = scanner.ScanMany(targets, bar);
            bar.Finish();
            // The scanner only reads files; with the state database, quarantine judges each report against its pin.
            IReadOnlyList<ScanReport> reports = manager is null ? scanned : [.. scanned.Select(manager.CheckPin)];
            if (state.Pin)
            {
                foreach (var report in reports.Where(r => !failOn.Flags(r)))
                {
                    manager!.Pin(report, "securestack scan --pin", Environment.UserName);
                }
            }
            WriteReport(format, output, reports, scanner);
            if (state.Quarantine)
            {
                foreach (var moved in manager!.QuarantineFlagged(reports, manager.Options.FailOn))
                {
                    Console.Error.WriteLine($"securestack scan: {moved.Path}: {moved.Outcome}");
                }
            }
            return reports.Any(failOn.Flags) ? Flagged : Clean;
        }
        catch (Exception e) when (e is ScannerConfigurationException || (e is OptionsValidationException v && v.OptionsType == typeof(ScannerOptions)))
        {
            Console.Error.WriteLine($"securestack scan: {e.Message}");
            Console.Error.WriteLine("securestack scan: refusing to approve any skill until the configuration is fixed");
            return Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AuditConfigurationException or AuditLogUnavailableException
            or QuarantineConfigurationException or OptionsValidationException or QuarantineException or Quarantine.State.QuarantineStateException)
        {
            Console.Error.WriteLine($"securestack scan: {e.Message}");
            return Error;
        }
        finally
        {
            audit?.Dispose();
        }
    }

    private static void WriteReport(string format, string? output, IReadOnlyList<ScanReport> reports, SkillScanner scanner)
    {
        using var stream = output is null ? Console.OpenStandardOutput() : File.Create(output);
        switch (format)
        {
            case "json":
                JsonReportWriter.Write(stream, reports);
                break;
            case "sarif":
                SarifReportWriter.Write(stream, reports, scanner.Rules, Directory.GetCurrentDirectory());
                break;
            default:
                using (var writer = new StreamWriter(stream, leaveOpen: true))
                {
                    var color = output is null && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
                    TableReportWriter.Write(writer, reports, color);
                }
                break;
        }
    }
}
