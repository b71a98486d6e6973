using System.CommandLine;
using SecureStack.Scanner;
using SecureStack.Scanner.Output;
using SecureStack.Scanner.Pinning;
using SecureStack.Scanner.Skills;

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
            Description = "Exit 1 when any finding is at or above this severity: info, low, medium, high (default) or critical.",
            DefaultValueFactory = _ => "high",
        };
        failOn.AcceptOnlyFromAmong("info", "low", "medium", "high", "critical");
        var configDir = Environment.GetEnvironmentVariable("SECURESTACK_CONFIG_DIR") is { Length: > 0 } dir ? dir : "config";
        var rules = new Option<string>("--rules")
        {
            Description = "The scanner rule file (default $SECURESTACK_CONFIG_DIR/scanner-rules.json, or config/scanner-rules.json).",
            DefaultValueFactory = _ => Path.Combine(configDir, "scanner-rules.json"),
        };
        var egress = new Option<string?>("--egress-allowlist")
        {
            Description = "Egress allowlist that network destinations are checked against (default: egress-allowlist.conf beside the rules, when present).",
        };
        var metadata = new Option<string?>("--metadata") { Description = "Registry metadata JSON for the trust score when the skill has no _meta.json/origin.json." };
        var community = new Option<string?>("--community-allowlist") { Description = "Opt-in community allowlist: lines of \"skill-name sha256\"." };
        var pin = new Option<bool>("--pin") { Description = "Pin every skill that passes --fail-on to its current checksum; a later change is a critical finding." };
        var pins = new Option<string?>("--pins")
        {
            Description = "SQLite database holding the pins (default $SECURESTACK_DB); when set, pinned skills are checked.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SECURESTACK_DB") is { Length: > 0 } db ? db : null,
        };

        var command = new Command("scan",
            "Scan OpenClaw skills (SKILL.md, JS/TS, shell, Python, binaries) for malicious patterns. " +
            "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above --fail-on, 2 error (bad rules, missing path).")
        {
            paths, format, output, failOn, rules, egress, metadata, community, pin, pins,
        };
        command.SetAction(parse =>
        {
            var rulesPath = parse.GetValue(rules)!;
            var egressPath = parse.GetValue(egress) ?? DefaultBeside(rulesPath, "egress-allowlist.conf");
            var pinPath = parse.GetValue(pins);
            if (parse.GetValue(pin) && pinPath is null)
            {
                Console.Error.WriteLine("securestack scan: --pin needs a pin database: pass --pins FILE or set SECURESTACK_DB");
                return Error;
            }
            using var pinStore = pinPath is null ? null : OpenPins(pinPath);
            if (pinPath is not null && pinStore is null)
            {
                return Error;
            }
            return Run(
                parse.GetValue(paths)!,
                parse.GetValue(format)!,
                parse.GetValue(output),
                Enum.Parse<Severity>(parse.GetValue(failOn)!, ignoreCase: true),
                new ScannerOptions
                {
                    RulesPath = rulesPath,
                    EgressAllowlistPath = egressPath,
                    MetadataPath = parse.GetValue(metadata),
                    CommunityAllowlistPath = parse.GetValue(community),
                    Pins = pinStore,
                },
                parse.GetValue(pin));
        });
        return command;
    }

    internal static int Run(IReadOnlyList<string> paths, string format, string? output, Severity failOn, ScannerOptions options, bool pin = false)
    {
        try
        {
            var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
            if (missing is not null)
            {
                Console.Error.WriteLine($"securestack scan: {missing}: no such file or directory");
                return Error;
            }
            var targets = paths.SelectMany(SkillTarget.Expand).Distinct(StringComparer.Ordinal).ToList();
            using var scanner = SkillScanner.Create(options);
            using var bar = new ProgressBar(Console.Error, targets.Count > 1 && !Console.IsErrorRedirected);
            var reports = scanner.ScanMany(targets, bar);
            bar.Finish();
            if (pin)
            {
                foreach (var report in reports.Where(r => !r.IsFlagged(failOn)))
                {
                    scanner.Pin(report);
                }
            }
            using (var stream = output is null ? Console.OpenStandardOutput() : File.Create(output))
            {
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
            return reports.Any(r => r.IsFlagged(failOn)) ? Flagged : Clean;
        }
        catch (ScannerConfigurationException e)
        {
            Console.Error.WriteLine($"securestack scan: {e.Message}");
            Console.Error.WriteLine("securestack scan: refusing to approve any skill until the configuration is fixed");
            return Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"securestack scan: {e.Message}");
            return Error;
        }
    }

    private static PinStore? OpenPins(string path)
    {
        try
        {
            return PinStore.Open(path);
        }
        catch (ScannerConfigurationException e)
        {
            Console.Error.WriteLine($"securestack scan: {e.Message}");
            return null;
        }
    }

    private static string? DefaultBeside(string rulesPath, string name)
    {
        var candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rulesPath)) ?? ".", name);
        return File.Exists(candidate) ? candidate : null;
    }
}
