using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SecureStack.Quarantine;
using SecureStack.Quarantine.State;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack quarantine list|show|override|rescan|release</c>.</summary>
internal static class QuarantineCommand
{
    private const int Refused = 1;

    public static Command Create() => new("quarantine",
        "Review and manage quarantined skills: list them, show why they were flagged, rescan after a fix, release, or override.")
    {
        List(),
        Show(),
        Override(),
        Rescan(),
        Release(),
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static Argument<string> NameArgument() => new("name") { Description = "The skill's name, or its #id when several share the name." };

    private static Option<string> UserOption() => new("--user")
    {
        Description = "Who performs the action, for the audit log (default: $SUDO_USER, else $USER).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo ? sudo : Environment.UserName,
    };

    private static Command List()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Read);
        var json = JsonOption();
        var all = new Option<bool>("--all") { Description = "Include active skills, not only quarantined and overridden ones." };
        var command = new Command("list", "List quarantined and overridden skills.\nExit codes: 0 listed, 2 usage or configuration error.") { json, all };
        settings.AddTo(command);
        command.SetAction(parse => Run(parse, settings, (opened, output) =>
        {
            var rows = opened.Manager.List().Where(r => parse.GetValue(all) || r.Status != SkillStatus.Active).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(rows, QuarantineJson.Options));
                return 0;
            }

            if (rows.Count == 0)
            {
                output.WriteLine("No skills in quarantine.");
                return 0;
            }

            output.WriteLine($"{"ID",-5} {"NAME",-24} {"STATUS",-12} {"SINCE",-20} REASON");
            foreach (var r in rows)
            {
                var since = (r.Status == SkillStatus.Overridden ? r.OverrideAt : r.QuarantinedAt ?? r.LastScanned)?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
                var reason = r.Status == SkillStatus.Overridden ? $"overridden by {r.OverrideUser}" : r.Reason ?? "";
                output.WriteLine($"{"#" + r.Id.ToString(CultureInfo.InvariantCulture),-5} {r.Name,-24} {r.Status.ToString().ToLowerInvariant(),-12} {since,-20} {reason}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Read);
        var json = JsonOption();
        var name = NameArgument();
        var command = new Command("show", "Show a skill's state and every finding that flagged it (rule, file, line, why).\n"
            + "Exit codes: 0 shown, 2 unknown name or configuration error.") { name, json };
        settings.AddTo(command);
        command.SetAction(parse => Run(parse, settings, (opened, output) =>
        {
            var record = opened.Manager.Find(parse.GetValue(name)!);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(record, QuarantineJson.Options));
                return 0;
            }

            WriteRecord(output, record);
            return 0;
        }));
        return command;
    }

    private static Command Override()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Change);
        var name = NameArgument();
        var force = new Option<bool>("--force-allow") { Description = "Required: you are putting a flagged skill back where OpenClaw will load it." };
        var ack = new Option<string?>("--ack") { Description = "The acknowledgement phrase, for scripts; without it you are asked to type it." };
        var user = UserOption();
        var json = JsonOption();
        var command = new Command("override",
            "Put a quarantined skill back although it is flagged. Needs --force-allow and the exact acknowledgement phrase "
            + "(typed when asked, or --ack). The skill stays pinned to its current checksum: any later change re-quarantines it. "
            + "Recorded in the audit log as skill_override (risk high) with the user and time.\n"
            + "Exit codes: 0 overridden, 1 refused (phrase mismatch, path occupied), 2 usage or configuration error.")
        {
            name, force, ack, user, json,
        };
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            if (!parse.GetValue(force))
            {
                parse.InvocationConfiguration.Error.WriteLine("override puts a flagged skill back where OpenClaw loads it; add --force-allow to confirm you mean it");
                return CliApp.UsageOrIoError;
            }

            return Run(parse, settings, (opened, output) =>
            {
                var record = opened.Manager.Find(parse.GetValue(name)!, SkillStatus.Quarantined);
                var phrase = QuarantineManager.AcknowledgementPhrase(record.Name);
                var typed = parse.GetValue(ack);
                if (typed is null)
                {
                    output.WriteLine($"WARNING: {record.Name} was quarantined because: {record.Reason}");
                    WriteFindings(output, record);
                    output.WriteLine($"OpenClaw will load it again and its commands may run on this host without approval.");
                    output.Write($"To continue, type exactly: {phrase}\n> ");
                    output.Flush();
                    typed = Console.In.ReadLine() ?? "";
                }

                var overridden = opened.Manager.ForceOverride(record.Id.ToString(CultureInfo.InvariantCulture), parse.GetValue(user)!, typed);
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(overridden, QuarantineJson.Options));
                }
                else
                {
                    output.WriteLine($"Overridden: {overridden.Name} is back at {overridden.Path}, pinned to checksum {overridden.Checksum}; any change re-quarantines it.");
                }

                return 0;
            });
        });
        return command;
    }

    private static Command Rescan()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Change);
        var name = NameArgument();
        var json = JsonOption();
        var command = new Command("rescan", "Scan the quarantined copy again; if it was modified and is now clean it goes back to its root.\n"
            + "Exit codes: 0 released, 1 still quarantined, 2 unknown name or configuration error.") { name, json };
        settings.AddTo(command);
        command.SetAction(parse => Run(parse, settings, (opened, output) =>
        {
            var result = opened.Manager.Rescan(parse.GetValue(name)!);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { released = result.Released, record = result.Record, report = result.Report }, QuarantineJson.Options));
            }
            else if (result.Released)
            {
                output.WriteLine($"Clean after modification: {result.Record.Name} is back at {result.Record.Path}.");
            }
            else
            {
                var why = result.Report.Checksum == result.Record.Checksum && !result.Report.IsFlagged(opened.Manager.Options.FailOn)
                    ? "it is clean but unchanged; an administrator can `release` it"
                    : "it is still flagged";
                output.WriteLine($"{result.Record.Name} stays in quarantine: {why}.");
                WriteFindings(output, result.Record);
            }

            return result.Released ? 0 : Refused;
        }));
        return command;
    }

    private static Command Release()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Change);
        var name = NameArgument();
        var user = UserOption();
        var json = JsonOption();
        var command = new Command("release", "Administrator release: put a quarantined skill back if a fresh scan no longer flags it "
            + "(for flagged skills use override).\nExit codes: 0 released, 1 refused (still flagged, path occupied), 2 unknown name or configuration error.")
        {
            name, user, json,
        };
        settings.AddTo(command);
        command.SetAction(parse => Run(parse, settings, (opened, output) =>
        {
            var record = opened.Manager.Release(parse.GetValue(name)!, parse.GetValue(user)!);
            output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(record, QuarantineJson.Options)
                : $"Released: {record.Name} is back at {record.Path}.");
            return 0;
        }));
        return command;
    }

    private static int Run(ParseResult parse, QuarantineSettings settings, Func<QuarantineSettings.Opened, TextWriter, int> body)
    {
        var error = parse.InvocationConfiguration.Error;
        using var opened = settings.Open(parse, error);
        if (opened is null)
        {
            return CliApp.UsageOrIoError;
        }

        try
        {
            return body(opened, parse.InvocationConfiguration.Output);
        }
        catch (QuarantineException e)
        {
            error.WriteLine(e.Message);
            return e.NotFound ? CliApp.UsageOrIoError : Refused;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Audit.AuditLogUnavailableException)
        {
            error.WriteLine(e.Message);
            return CliApp.UsageOrIoError;
        }
    }

    private static void WriteRecord(TextWriter output, SkillRecord r)
    {
        output.WriteLine($"{r.Name} (#{r.Id}) — {r.Status.ToString().ToLowerInvariant()}");
        output.WriteLine($"  original path:   {r.Path}");
        if (r.QuarantinePath is not null)
        {
            output.WriteLine($"  quarantined at:  {r.QuarantinePath} since {r.QuarantinedAt?.ToUniversalTime():u}");
            output.WriteLine($"  notice:          {Path.Combine(Path.GetDirectoryName(r.QuarantinePath)!, "QUARANTINED.md")}");
        }

        output.WriteLine($"  checksum:        {r.Checksum}");
        output.WriteLine($"  last scanned:    {r.LastScanned?.ToUniversalTime():u}");
        output.WriteLine($"  trust score:     {(r.TrustScore is { } t ? t.ToString(CultureInfo.InvariantCulture) : "unknown")}");
        if (r.OverrideUser is not null)
        {
            output.WriteLine($"  overridden by:   {r.OverrideUser} at {r.OverrideAt?.ToUniversalTime():u} (\"{r.OverrideAck}\")");
        }

        output.WriteLine($"  reason:          {r.Reason}");
        WriteFindings(output, r);
        if (r.Status == SkillStatus.Quarantined)
        {
            output.WriteLine($"Next: fix the copy and `securestack quarantine rescan {r.Name}`, or `securestack quarantine override {r.Name} --force-allow`.");
        }
    }

    private static void WriteFindings(TextWriter output, SkillRecord r)
    {
        if (r.Findings.Count == 0)
        {
            return;
        }

        output.WriteLine($"Why it was flagged ({r.Findings.Count} finding(s)):");
        foreach (var f in r.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line))
        {
            output.WriteLine($"  [{f.Severity.ToString().ToUpperInvariant()}] {f.RuleId} {f.File}:{f.Line}: {f.Message}");
            if (!string.IsNullOrWhiteSpace(f.Snippet))
            {
                output.WriteLine($"      {f.Snippet.ReplaceLineEndings(" ").Trim()}");
            }
        }
    }
}
