using SecureStack.Audit;
using SecureStack.Quarantine.Moves;
using SecureStack.Quarantine.Queries;
using SecureStack.Quarantine.State;
using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine.Checking;

/// <summary>
/// Every decision about a skill: scan it (or not, when its checksum is unchanged), judge it against its pin and the
/// fail-on verdict, audit the one <c>skill_scan</c> event, and hand flagged skills to <see cref="SkillMoves"/>.
/// </summary>
internal sealed class SkillChecker(
    QuarantineOptions options, QuarantineDatabase database, ISkillScanner scanner, IAuditLog audit, TimeProvider time, SkillMoves moves, QuarantineQueries queries)
{
    public SkillCheckResult Check(string skillPath)
    {
        var path = PathUtil.Normalize(skillPath);
        if (!Directory.Exists(path))
        {
            return new SkillCheckResult(path, SkillCheckOutcome.Skipped, null, null);
        }

        SkillRecord? live;
        SkillPin? pin;
        using (var c = database.Connect())
        {
            if (MoveIntentStore.IsMoving(c, path))
            {
                return new SkillCheckResult(path, SkillCheckOutcome.Skipped, null, null);
            }

            live = SkillStore.FindLive(c, path);
            pin = PinStore.Find(c, PinCheck.PinName(path));
        }

        // The checksum alone decides "unchanged"; a skill seen for the first time gets it from its scan, once.
        if (live is not null && live.Checksum == scanner.Checksum(path))
        {
            return new SkillCheckResult(path, SkillCheckOutcome.Unchanged, null, live);
        }

        var report = PinCheck.Apply(pin, scanner.Scan(path), path, audit);
        var flagged = report.IsFlagged(options.FailOn);
        QuarantineAudit.Scan(audit, report, path, flagged);
        if (live?.Status == SkillStatus.Overridden)
        {
            var why = $"changed after an override by {live.OverrideUser} (pinned checksum {live.Checksum}, now {report.Checksum})";
            return Quarantined(path, report, why);
        }

        if (pin is not null && PinCheck.Mismatches(pin, report))
        {
            // An approved skill changed where it lies (an edited, added or re-moded file) is no longer what was
            // approved, even when it still scans clean: it waits in quarantine for a release or a new install.
            return Quarantined(path, report, PinCheck.Reason(pin, report));
        }

        if (flagged)
        {
            return Quarantined(path, report, null);
        }

        using (var lockHandle = QuarantineLock.Acquire(options.DatabasePath))
        using (var c = database.Connect())
        {
            if (!Directory.Exists(path))
            {
                return new SkillCheckResult(path, SkillCheckOutcome.Skipped, report, null);
            }

            Sql.Immediate(c, () => SkillStore.RecordLiveScan(c, report, path, SkillStatus.Active, time.GetUtcNow()));
            return new SkillCheckResult(path, SkillCheckOutcome.Clean, report, SkillStore.FindLive(c, path));
        }
    }

    public ScanReport CheckPin(ScanReport report) =>
        PinCheck.Apply(queries.Pin(PinCheck.PinName(report.SkillPath)), report, report.SkillPath, audit);

    public IReadOnlyList<SkillCheckResult> ScanAndQuarantine(IEnumerable<string> paths, VerdictLevel failOn)
    {
        var results = new List<SkillCheckResult>();
        foreach (var given in paths)
        {
            var path = PathUtil.Normalize(given);
            var skills = SkillDiscovery.IsSkill(path) ? [path] : SkillDiscovery.Find(path);
            foreach (var skill in skills)
            {
                var report = scanner.Scan(skill);
                var flagged = report.IsFlagged(failOn);
                QuarantineAudit.Scan(audit, report, skill, flagged);
                results.Add(flagged
                    ? Quarantined(skill, report, FlaggedByScan(failOn))
                    : new SkillCheckResult(skill, SkillCheckOutcome.Clean, report, null));
            }
        }

        return results;
    }

    public IReadOnlyList<SkillCheckResult> QuarantineFlagged(IEnumerable<ScanReport> reports, VerdictLevel failOn) =>
        [.. reports.Where(r => r.IsFlagged(failOn) && Directory.Exists(r.SkillPath))
            .Select(r => Quarantined(PathUtil.Normalize(r.SkillPath), r, FlaggedByScan(failOn)))];

    public RescanResult Rescan(string nameOrId)
    {
        var row = queries.Find(nameOrId, SkillStatus.Quarantined);
        var report = scanner.Scan(row.QuarantinePath!);
        var flagged = report.IsFlagged(options.FailOn);
        QuarantineAudit.Scan(audit, report, row.QuarantinePath!, flagged);
        if (!flagged && report.Checksum != row.Checksum)
        {
            var restored = moves.Restore(row, report.Checksum, SkillStatus.Active, null, null, "clean rescan after modification");
            return new RescanResult(report, true, restored);
        }

        using var c = database.Connect();
        Sql.Immediate(c, () => SkillStore.UpdateQuarantinedScan(c, row.Id, report, time.GetUtcNow()));
        return new RescanResult(report, false, SkillStore.FindById(c, row.Id)!);
    }

    public SkillRecord Release(string nameOrId, string user)
    {
        var row = queries.Find(nameOrId, SkillStatus.Quarantined);
        var report = scanner.Scan(row.QuarantinePath!);
        var flagged = report.IsFlagged(options.FailOn);
        QuarantineAudit.Scan(audit, report, row.QuarantinePath!, flagged);
        if (flagged)
        {
            throw new QuarantineException(
                $"{row.Name} is still flagged ({ReportSummary.Describe(report)}); fix it and run `securestack quarantine rescan {row.Name}`, "
                + $"or run it anyway with `securestack quarantine override {row.Name} --force-allow`");
        }

        return moves.Restore(row, report.Checksum, SkillStatus.Active, user, null, "released by an administrator");
    }

    public SkillRecord ForceOverride(string nameOrId, string user, string acknowledgement)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new QuarantineException("an override needs the name of the user who accepts the risk");
        }

        var row = queries.Find(nameOrId, SkillStatus.Quarantined);
        var phrase = QuarantineManager.AcknowledgementPhrase(row.Name);
        if (!string.Equals(acknowledgement, phrase, StringComparison.Ordinal))
        {
            throw new QuarantineException($"the acknowledgement does not match; to override {row.Name} type exactly: {phrase}");
        }

        return moves.Restore(row, scanner.Checksum(row.QuarantinePath!), SkillStatus.Overridden, user, acknowledgement, "override acknowledged by " + user);
    }

    private static string FlaggedByScan(VerdictLevel failOn) =>
        $"flagged by `securestack scan --quarantine` at or above {failOn.ToString().ToLowerInvariant()}";

    private SkillCheckResult Quarantined(string path, ScanReport report, string? reason)
    {
        var record = moves.Quarantine(path, report, reason);
        return new SkillCheckResult(path, record is null ? SkillCheckOutcome.Skipped : SkillCheckOutcome.Quarantined, report, record);
    }
}
