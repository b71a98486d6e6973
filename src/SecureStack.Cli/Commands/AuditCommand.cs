using System.CommandLine;
using System.Globalization;
using System.Text;
using SecureStack.Audit;
using SecureStack.Audit.Chain;
using SecureStack.Audit.Installation;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack audit verify|tail|log</c>.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Verify, read and append to the tamper-evident audit log.")
    {
        Verify(),
        Tail(),
        Log(),
    };

    private static Option<string> LogOption() => new("--log")
    {
        Description = "The active audit log file (default: $AUDIT_LOG_PATH).",
    };

    private static Command Verify()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Active log files to verify, with their rotated segments (default: $AUDIT_LOG_PATH, else every log in the install's audit folder).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var head = new Option<string>("--head") { Description = "Head file to check against truncation (default: $AUDIT_HEAD_PATH, else <log>.head)." };
        var command = new Command("verify", "Check the hash chain of a log across its rotated files, and its head file.\n"
            + "Exit codes: 0 intact, 1 tampered (prints the first bad file:line and why), 2 usage or I/O error, or an\n"
            + "HMAC-chained log verified without its key (set $AUDIT_HMAC_KEY to the writer's key).\n"
            + "It prints which algorithm it checked and, without a key, what it cannot detect.")
        {
            paths,
            head,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var fromInstall = parse.GetValue(paths) is not { Length: > 0 };
            var targets = fromInstall ? [.. InstallEnvironment.Current.AuditLogs()] : parse.GetValue(paths)!;
            if (targets.Length == 0)
            {
                error.WriteLine(NoLog);
                return CliApp.UsageOrIoError;
            }

            // A head file that is missing where it should be is a finding for the verifier, not a usage error.
            var headPath = parse.GetValue(head) ?? (Environment.GetEnvironmentVariable("AUDIT_HEAD_PATH") is { Length: > 0 } h ? h : null);
            var keyed = new AuditChainVerifier(HmacKey());
            var unkeyed = new AuditChainVerifier(null);
            var exit = 0;
            foreach (var path in targets)
            {
                VerificationResult result;
                var pathHead = targets.Length == 1 ? headPath : null;
                // The install-policy hook runs inside the gateway, which never gets the key: its log is SHA-256 by design.
                var verifier = fromInstall && Path.GetFileName(path) == InstallPolicyLog ? unkeyed : keyed;
                try
                {
                    result = verifier.Verify(path, pathHead);
                }
                catch (IOException ex)
                {
                    error.WriteLine(ex.Message);
                    return CliApp.UsageOrIoError;
                }

                if (result.Records == 0 && result.Files == 0 && !result.Intact)
                {
                    error.WriteLine($"{path}: {result.Reason}");
                    return CliApp.UsageOrIoError;
                }

                exit = Math.Max(exit, Report(output, path, pathHead ?? path + ".head", result));
            }

            return exit;
        });
        return command;
    }

    /// <summary>Prints one log's outcome, with what was checked and, without a key, what could not be; returns its exit code.</summary>
    private static int Report(TextWriter output, string path, string headPath, VerificationResult result)
    {
        var counted = $"{result.Records} records in {result.Files} file(s)";
        if (!result.Intact)
        {
            output.WriteLine($"TAMPERED: {result.Location}: {result.Reason}");
            output.WriteLine("checked with: " + Describe(result.Algorithm));
            return 1;
        }

        switch (result.Algorithm)
        {
            case ChainAlgorithm.HmacSha256:
                output.WriteLine($"intact: {path} ({counted})");
                output.WriteLine($"checked with: {Describe(result.Algorithm)}: every record's contents, sequence and links, and the head file {headPath} and its HMAC");
                return 0;
            case ChainAlgorithm.Sha256:
                output.WriteLine($"intact: {path} ({counted})");
                output.WriteLine($"checked with: {Describe(result.Algorithm)}: every record's contents, sequence and links, and the head file {headPath}");
                output.WriteLine("cannot detect without a key: someone who can write the log can rewrite records, recompute every SHA-256 hash and "
                    + "rewrite the head file to match; only accidental or naive edits show. Set AUDIT_HMAC_KEY for the writers (kept off the audit volume).");
                return 0;
            default:
                output.WriteLine($"HMAC-chained, no key given: {path} ({counted})");
                output.WriteLine($"checked: sequence numbers, links between records and files, and the position of the head file {headPath}");
                output.WriteLine("not checked: each record's contents and the head file's HMAC, so edited fields and a rewritten head file go unnoticed");
                output.WriteLine("set AUDIT_HMAC_KEY to the key the log was written with (AUDIT_HMAC_KEY in the stack's .env) and run again");
                return CliApp.UsageOrIoError;
        }
    }

    private static string Describe(ChainAlgorithm algorithm) => algorithm switch
    {
        ChainAlgorithm.HmacSha256 => "HMAC-SHA256 (AUDIT_HMAC_KEY)",
        ChainAlgorithm.Sha256 => "plain SHA-256 (no AUDIT_HMAC_KEY)",
        _ => "links only (HMAC-SHA256 chain, AUDIT_HMAC_KEY not set)",
    };

    private static Command Tail()
    {
        var log = LogOption();
        var type = new Option<string>("--type") { Description = "Only events of this type (e.g. auth_failure)." };
        var since = new Option<string>("--since") { Description = "Only events at or after this time: ISO 8601 (2026-11-24T10:00:00Z) or an age (30m, 2h, 7d)." };
        var json = new Option<bool>("--json") { Description = "Print the raw JSON lines." };
        var lines = new Option<int>("--lines", "-n") { Description = "How many of the newest matching events to print.", DefaultValueFactory = _ => 20 };
        var command = new Command("tail", "Print the newest events of the log.\nExit codes: 0 success, 2 usage or I/O error.")
        {
            log, type, since, json, lines,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var logs = parse.GetValue(log) is { } path ? [path] : InstallEnvironment.Current.AuditLogs();
            if (logs.Count == 0)
            {
                error.WriteLine(NoLog);
                return CliApp.UsageOrIoError;
            }

            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                if (!TryParseSince(sinceText, DateTimeOffset.UtcNow, out var parsed))
                {
                    error.WriteLine($"--since \"{sinceText}\" is neither an ISO 8601 time nor an age like 30m, 2h or 7d");
                    return CliApp.UsageOrIoError;
                }

                from = parsed;
            }

            var eventType = parse.GetValue(type);
            if (eventType is not null && !AuditWireNames.TryParseEventType(eventType, out _))
            {
                error.WriteLine($"--type \"{eventType}\" is not an audit event type");
                return CliApp.UsageOrIoError;
            }

            try
            {
                // The install's writers each keep their own chain; one timeline reads them merged by time.
                var matching = logs.SelectMany(AuditLogReader.ReadAll).OrderBy(r => r.Timestamp)
                    .Where(r => (eventType is null || r.EventType == eventType) && (from is null || r.Timestamp >= from))
                    .TakeLast(Math.Max(0, parse.GetValue(lines)));
                foreach (var record in matching)
                {
                    output.WriteLine(parse.GetValue(json) ? ToJson(record) : ToText(record));
                }
            }
            catch (IOException ex)
            {
                error.WriteLine(ex.Message);
                return CliApp.UsageOrIoError;
            }

            return 0;
        });
        return command;
    }

    private static Command Log()
    {
        var log = LogOption();
        var type = new Option<string>("--type") { Description = "Event type (e.g. config_warning, egress_blocked).", Required = true };
        var action = new Option<string>("--action") { Description = "What was done or attempted.", Required = true };
        var result = new Option<string>("--result") { Description = "success | failure | blocked | flagged.", Required = true };
        var risk = new Option<string>("--risk") { Description = "info | low | medium | high | critical.", Required = true };
        var detail = new Option<string[]>("--detail") { Description = "KEY=VALUE detail; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var sourceIp = new Option<string>("--source-ip") { Description = "Source address of the event." };
        var user = new Option<string>("--user") { Description = "User the event concerns." };
        var command = new Command("log", "Append one event to the audit log (for scripts such as install.sh).\nExit codes: 0 written, 2 usage or I/O error.")
        {
            log, type, action, result, risk, detail, sourceIp, user,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!AuditWireNames.TryParseEventType(parse.GetValue(type)!, out var eventType) || eventType == AuditEventType.LogTruncated)
            {
                error.WriteLine($"--type \"{parse.GetValue(type)}\" is not an audit event type scripts may write; known: {string.Join(", ", Enum.GetValues<AuditEventType>().Where(t => t != AuditEventType.LogTruncated).Select(AuditWireNames.Of))}");
                return CliApp.UsageOrIoError;
            }

            if (!AuditWireNames.TryParseResult(parse.GetValue(result)!, out var auditResult))
            {
                error.WriteLine($"--result \"{parse.GetValue(result)}\" must be success, failure, blocked or flagged");
                return CliApp.UsageOrIoError;
            }

            if (!AuditWireNames.TryParseRisk(parse.GetValue(risk)!, out var riskLevel))
            {
                error.WriteLine($"--risk \"{parse.GetValue(risk)}\" must be info, low, medium, high or critical");
                return CliApp.UsageOrIoError;
            }

            var details = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(detail) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    error.WriteLine($"--detail \"{pair}\" must be KEY=VALUE");
                    return CliApp.UsageOrIoError;
                }

                details[pair[..eq]] = pair[(eq + 1)..];
            }

            try
            {
                using var auditLog = AuditLog.Open(AuditLogOptions.FromEnvironment(parse.GetValue(log)));
                auditLog.Append(new AuditEvent(eventType, parse.GetValue(action)!, auditResult, riskLevel)
                {
                    SourceIp = parse.GetValue(sourceIp),
                    UserId = parse.GetValue(user),
                    Details = details.Count > 0 ? details : null,
                });
            }
            catch (Exception ex) when (ex is AuditConfigurationException or AuditLogUnavailableException)
            {
                error.WriteLine(ex.Message);
                return CliApp.UsageOrIoError;
            }

            return 0;
        });
        return command;
    }

    internal static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
        {
            return true;
        }

        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            TimeSpan? age = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (age is { } a)
            {
                since = now - a;
                return true;
            }
        }

        return false;
    }

    private const string NoLog = "no log given: pass a path (--log for tail), set AUDIT_LOG_PATH, or run the securestack of an install (its audit folder)";

    private const string InstallPolicyLog = "install-policy.jsonl";

    private static byte[]? HmacKey() =>
        InstallEnvironment.Current.GetWithEnvFile("AUDIT_HMAC_KEY") is { } key ? Encoding.UTF8.GetBytes(key) : null;

    private static string ToText(AuditRecord r) =>
        $"{r.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z  {r.EventType,-18} {r.Result,-8} {r.RiskLevel,-8} {r.Action}"
        + (r.SourceIp is null ? "" : $"  ip={r.SourceIp}")
        + (r.UserId is null ? "" : $"  user={r.UserId}")
        + (r.Details is { } d ? "  " + d.GetRawText() : "");

    private static string ToJson(AuditRecord r) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["seq"] = r.Seq,
        ["timestamp"] = r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["event_type"] = r.EventType,
        ["source_ip"] = r.SourceIp,
        ["user_id"] = r.UserId,
        ["action"] = r.Action,
        ["result"] = r.Result,
        ["risk_level"] = r.RiskLevel,
        ["details"] = r.Details,
        ["prev"] = r.Prev,
        ["hash"] = r.Hash,
    });
}
