using System.Globalization;
using SecureStack.Audit;
using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine.InstallPolicy;

/// <summary>
/// Answers OpenClaw's <c>security.installPolicy</c> exec hook: scans the staged source and decides block (a finding
/// at or above the fail-on severity), warn (medium findings) or allow; allowed installs are pinned to their checksum.
/// Anything that prevents a sound decision (bad request, unknown protocol, missing source, scan error or time-out,
/// unavailable audit log or database) is a block.
/// </summary>
public sealed class InstallPolicyEvaluator(QuarantineManager manager, ISkillScanner scanner, IAuditLog audit, TimeSpan timeout)
{
    public InstallPolicyDecision Evaluate(string requestJson)
    {
        var decision = Answer(requestJson);
        Count(decision);
        return decision;
    }

    /// <summary>This process ends before any scrape, so the answer is counted in the database the watcher exports from.</summary>
    private void Count(InstallPolicyDecision decision)
    {
        try
        {
            manager.CountInstallDecision(decision.Decision);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or State.QuarantineStateException or IOException)
        {
            // The answer stands and the audit log holds it; only the count is lost.
        }
    }

    private InstallPolicyDecision Answer(string requestJson)
    {
        InstallPolicyRequest? request = null;
        try
        {
            request = InstallPolicyRequest.Parse(requestJson);
            var decision = Decide(request, out var report);
            Audit(request, decision, report);
            if (decision.Decision == InstallPolicyDecision.Allow && report is not null)
            {
                manager.Pin(request.TargetName, report.Checksum, "install-policy", null);
            }

            return decision;
        }
        catch (Exception e)
        {
            var blocked = InstallPolicyDecision.Blocked(e is InstallPolicyRequestException
                ? "securestack refused the request: " + e.Message
                : $"securestack could not evaluate the install ({e.GetType().Name}: {e.Message}); failing closed");
            TryAudit(request, blocked);
            return blocked;
        }
    }

    private InstallPolicyDecision Decide(InstallPolicyRequest request, out ScanReport? report)
    {
        report = null;
        if (request.SourcePathKind != "directory")
        {
            return InstallPolicyDecision.Blocked(
                $"securestack scans staged directories only, and this {request.TargetType} was staged as a {request.SourcePathKind}; unpack it and install from the directory");
        }

        if (!Directory.Exists(request.SourcePath))
        {
            return InstallPolicyDecision.Blocked($"the staged source {request.SourcePath} does not exist");
        }

        var scan = Task.Run(() => scanner.Scan(request.SourcePath));
        if (!scan.Wait(timeout))
        {
            return InstallPolicyDecision.Blocked(
                string.Create(CultureInfo.InvariantCulture, $"the scan of {request.TargetName} did not finish within {timeout.TotalSeconds:0.#} s"));
        }

        report = scan.Result;
        var findings = report.Findings.OrderByDescending(f => f.Severity).Take(InstallPolicyDecision.MaxFindings).Select(ToWire).ToList();
        // The answer follows the verdict: at or above the configured level block, any other non-clean verdict warn.
        if (report.IsFlagged(manager.Options.FailOn))
        {
            return InstallPolicyDecision.Blocked(Summary(report, "blocked"), findings);
        }

        if (report.Verdict.Level > VerdictLevel.Clean)
        {
            return new InstallPolicyDecision(InstallPolicyDecision.Warn, InstallPolicyDecision.Truncate(Summary(report, "needs review")), findings);
        }

        return new InstallPolicyDecision(InstallPolicyDecision.Allow, null, findings);
    }

    private static string Summary(ScanReport report, string answer)
    {
        var verdict = report.Verdict;
        var deciding = verdict.Deciding.Count > 0 ? verdict.Deciding : [.. report.Findings.Take(1).Select(f => new DecidingFinding(f, FindingContexts.Of(f), 0, f.Message))];
        var rules = string.Join(", ", deciding.Select(d => d.Finding.RuleId).Distinct().Take(5));
        var first = deciding.Count > 0 ? $"; first: {deciding[0].Finding.File}:{deciding[0].Finding.Line} {deciding[0].Why}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"securestack scan {answer}: judged {verdict.Level.ToString().ToLowerInvariant()} (score {verdict.Score}) by {rules}{first}");
    }

    private static InstallPolicyFinding ToWire(ScanFinding f) => new(
        f.RuleId,
        f.Severity switch
        {
            Severity.Critical or Severity.High => "critical",
            Severity.Medium => "warn",
            _ => "info",
        },
        $"{f.RuleName}: {f.Message}",
        f.File,
        f.Line,
        f.Snippet);

    private void Audit(InstallPolicyRequest request, InstallPolicyDecision decision, ScanReport? report)
    {
        var (result, risk) = decision.Decision switch
        {
            InstallPolicyDecision.Allow => (AuditResult.Success, RiskLevel.Info),
            InstallPolicyDecision.Warn => (AuditResult.Flagged, RiskLevel.Medium),
            _ => (AuditResult.Blocked, report is null ? RiskLevel.High : QuarantineAudit.Risk(report.MaxSeverity)),
        };
        audit.Append(new AuditEvent(AuditEventType.SkillInstallDecision, "install_policy", result, risk)
        {
            Details = new Dictionary<string, object?>
            {
                ["target_type"] = request.TargetType,
                ["target"] = request.TargetName,
                ["source_path"] = request.SourcePath,
                ["source_kind"] = request.SourceKind,
                ["request_kind"] = request.RequestKind,
                ["mode"] = request.Mode,
                ["specifier"] = request.Specifier,
                ["decision"] = decision.Decision,
                ["reason"] = decision.Reason,
                ["checksum"] = report?.Checksum,
                ["findings"] = report?.Findings.Count,
                ["rules"] = report?.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToArray(),
            },
        });
    }

    private void TryAudit(InstallPolicyRequest? request, InstallPolicyDecision blocked)
    {
        try
        {
            audit.Append(new AuditEvent(AuditEventType.SkillInstallDecision, "install_policy", AuditResult.Blocked, RiskLevel.High)
            {
                Details = new Dictionary<string, object?> { ["target"] = request?.TargetName, ["decision"] = blocked.Decision, ["reason"] = blocked.Reason },
            });
        }
        catch (Exception e) when (e is AuditLogUnavailableException or ObjectDisposedException or IOException)
        {
            // The decision is already the fail-closed one; nothing more to refuse.
        }
    }
}
