using System.Globalization;
using Microsoft.Data.Sqlite;
using SecureStack.Audit;
using SecureStack.Quarantine.Checking;
using SecureStack.Quarantine.State;
using SecureStack.Scanner;

namespace SecureStack.Quarantine.Moves;

/// <summary>
/// Crash-safe moves into and out of quarantine: each move is recorded as an intent before anything moves, done
/// under the cross-process lock, and rolled forward by <see cref="RecoverInterrupted"/> after a crash.
/// </summary>
internal sealed class SkillMoves
{
    private readonly QuarantineOptions _options;
    private readonly QuarantineDatabase _database;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly Action<MoveStep>? _onStep;
    private readonly DirectoryMover _mover;

    public SkillMoves(QuarantineOptions options, QuarantineDatabase database, IAuditLog audit, TimeProvider time, Action<MoveStep>? onStep)
    {
        _options = options;
        _database = database;
        _audit = audit;
        _time = time;
        _onStep = onStep;
        _mover = new DirectoryMover(onStep);
    }

    /// <summary>Moves a skill folder into quarantine; null when it is gone (another process moved it first).</summary>
    public SkillRecord? Quarantine(string skillPath, ScanReport report, string? reason)
    {
        var path = PathUtil.Normalize(skillPath);
        if (PathUtil.IsSameOrInside(path, _options.QuarantineDirectory))
        {
            throw new QuarantineException($"{path} is already inside the quarantine directory");
        }

        using var lockHandle = QuarantineLock.Acquire(_options.DatabasePath);
        using var c = _database.Connect();
        if (!Directory.Exists(path))
        {
            return null;
        }

        var folder = Path.GetFileName(path);
        var entry = UniqueEntry(c, folder);
        var ticket = new QuarantineTicket(report.SkillName, path, entry, Path.Combine(entry, folder), report.Checksum, report.Findings,
            report.TrustScore?.Overall, report.ScannedAt, reason ?? ReportSummary.Describe(report));
        var id = Sql.Immediate(c, () => MoveIntentStore.Add(c, path, ticket.QuarantinePath, ticket, null, _time.GetUtcNow()));
        Directory.CreateDirectory(entry);
        _onStep?.Invoke(MoveStep.IntentRecorded);
        return CompleteQuarantine(c, id, ticket, recovered: false);
    }

    /// <summary>Puts a quarantined skill back where it was, audited before anything moves.</summary>
    public SkillRecord Restore(SkillRecord row, string checksum, SkillStatus status, string? user, string? acknowledgement, string why)
    {
        using var lockHandle = QuarantineLock.Acquire(_options.DatabasePath);
        using var c = _database.Connect();
        var current = SkillStore.FindById(c, row.Id);
        if (current?.Status != SkillStatus.Quarantined || current.QuarantinePath is null)
        {
            throw new QuarantineException($"{row.Name} (#{row.Id}) is no longer quarantined");
        }

        if (PathUtil.Exists(current.Path))
        {
            throw new QuarantineException($"{current.Path} is occupied by another folder; move it away, then try again");
        }

        var ticket = new RestoreTicket(current.Id, current.Name, current.QuarantinePath, Path.GetDirectoryName(current.QuarantinePath)!,
            current.Path, checksum, status, user, acknowledgement, why);

        // Audited before anything moves: with the audit log unavailable a skill stays in quarantine.
        var (type, action, risk) = status == SkillStatus.Overridden
            ? (AuditEventType.SkillOverride, "skill_override", RiskLevel.High)
            : (AuditEventType.SkillRelease, "skill_release", RiskLevel.Medium);
        QuarantineAudit.Event(_audit, type, action, AuditResult.Success, risk, user, new()
        {
            ["skill"] = current.Name,
            ["path"] = current.Path,
            ["checksum"] = checksum,
            ["reason"] = why,
            ["acknowledgement"] = acknowledgement,
            ["findings"] = current.Findings.Count,
        });
        var id = Sql.Immediate(c, () => MoveIntentStore.Add(c, ticket.QuarantinePath, ticket.OriginalPath, null, ticket, _time.GetUtcNow()));
        Directory.CreateDirectory(Path.GetDirectoryName(ticket.OriginalPath)!);
        _onStep?.Invoke(MoveStep.IntentRecorded);
        return CompleteRestore(c, id, ticket, recovered: false);
    }

    /// <summary>Completes (rolls forward) every move a crashed process left half done. Returns how many.</summary>
    public int RecoverInterrupted()
    {
        using var lockHandle = QuarantineLock.Acquire(_options.DatabasePath);
        using var c = _database.Connect();
        var intents = MoveIntentStore.List(c);
        foreach (var intent in intents)
        {
            if (intent.Quarantine is { } q)
            {
                Directory.CreateDirectory(q.EntryDirectory);
                CompleteQuarantine(c, intent.Id, q, recovered: true);
            }
            else
            {
                CompleteRestore(c, intent.Id, intent.Restore!, recovered: true);
            }
        }

        return intents.Count;
    }

    private SkillRecord? CompleteQuarantine(SqliteConnection c, long intentId, QuarantineTicket ticket, bool recovered)
    {
        var source = ticket.OriginalPath;
        var destination = ticket.QuarantinePath;
        if (PathUtil.Exists(destination))
        {
            // The destination only ever appears complete, so whatever is left at the source is a half-deleted copy.
            if (PathUtil.Exists(source))
            {
                _mover.FinishSource(source);
            }
        }
        else if (PathUtil.Exists(source))
        {
            DirectoryMover.DeleteTree(destination + DirectoryMover.StagingSuffix);
            _mover.Move(source, destination);
        }
        else
        {
            Sql.Immediate(c, () => MoveIntentStore.Remove(c, intentId));
            DirectoryMover.DeleteTree(ticket.EntryDirectory);
            QuarantineAudit.Event(_audit, AuditEventType.SkillQuarantine, "skill_quarantine", AuditResult.Failure, RiskLevel.High, null,
                new() { ["skill"] = ticket.Name, ["path"] = source, ["error"] = "the skill folder disappeared during an interrupted move" });
            return null;
        }

        DirectoryMover.DeleteTree(destination + DirectoryMover.StagingSuffix);
        var now = _time.GetUtcNow();
        QuarantineNotice.Write(ticket, now);
        _onStep?.Invoke(MoveStep.NoticeWritten);
        var id = Sql.Immediate(c, () =>
        {
            var rowId = SkillStore.MarkQuarantined(c, ticket, now);
            MoveIntentStore.Remove(c, intentId);
            return rowId;
        });
        Metrics.QuarantineMetrics.Quarantined();
        var maxSeverity = ticket.Findings.Count == 0 ? (Severity?)null : ticket.Findings.Max(f => f.Severity);
        QuarantineAudit.Event(_audit, AuditEventType.SkillQuarantine, "skill_quarantine", AuditResult.Blocked,
            maxSeverity is null ? RiskLevel.High : QuarantineAudit.Risk(maxSeverity), null,
            new()
            {
                ["skill"] = ticket.Name,
                ["path"] = source,
                ["quarantine_path"] = destination,
                ["checksum"] = ticket.Checksum,
                ["reason"] = ticket.Reason,
                ["rules"] = ticket.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToArray(),
                ["recovered"] = recovered,
            });
        return SkillStore.FindById(c, id);
    }

    private SkillRecord CompleteRestore(SqliteConnection c, long intentId, RestoreTicket ticket, bool recovered)
    {
        if (PathUtil.Exists(ticket.OriginalPath))
        {
            if (PathUtil.Exists(ticket.QuarantinePath))
            {
                _mover.FinishSource(ticket.QuarantinePath);
            }
        }
        else if (PathUtil.Exists(ticket.QuarantinePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ticket.OriginalPath)!);
            DirectoryMover.DeleteTree(ticket.OriginalPath + DirectoryMover.StagingSuffix);
            _mover.Move(ticket.QuarantinePath, ticket.OriginalPath);
        }
        else
        {
            Sql.Immediate(c, () => MoveIntentStore.Remove(c, intentId));
            throw new QuarantineException($"{ticket.Name}: the quarantined copy {ticket.QuarantinePath} disappeared during an interrupted restore");
        }

        DirectoryMover.DeleteTree(ticket.OriginalPath + DirectoryMover.StagingSuffix);
        DirectoryMover.DeleteTree(ticket.EntryDirectory);
        var now = _time.GetUtcNow();
        Sql.Immediate(c, () =>
        {
            SkillStore.MarkRestored(c, ticket.SkillId, ticket.Checksum, ticket.Status, ticket.User, ticket.Acknowledgement, now);
            if (ticket.Status == SkillStatus.Overridden)
            {
                PinStore.Pin(c, new SkillPin(PinCheck.PinName(ticket.OriginalPath), ticket.Checksum, "override", ticket.User, now));
            }

            MoveIntentStore.Remove(c, intentId);
        });
        if (recovered)
        {
            QuarantineAudit.Event(_audit, AuditEventType.SkillRelease, "skill_restore_recovered", AuditResult.Success, RiskLevel.Medium, ticket.User,
                new() { ["skill"] = ticket.Name, ["path"] = ticket.OriginalPath });
        }

        return SkillStore.FindById(c, ticket.SkillId)!;
    }

    private string UniqueEntry(SqliteConnection c, string folder)
    {
        for (var n = 1; ; n++)
        {
            var entry = Path.Combine(_options.QuarantineDirectory, n == 1 ? folder : string.Create(CultureInfo.InvariantCulture, $"{folder}-{n}"));
            if (!PathUtil.Exists(entry) && !MoveIntentStore.IsMoving(c, Path.Combine(entry, folder)))
            {
                return entry;
            }
        }
    }
}
