using System.Globalization;
using Microsoft.Data.Sqlite;
using SecureStack.Audit;
using SecureStack.Quarantine.Checking;
using SecureStack.Quarantine.Moves;
using SecureStack.Quarantine.State;
using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine;

/// <summary>
/// The lifecycle of flagged skills: moves them out of every skill root (crash-safe), records state in SQLite,
/// restores them on a clean rescan, an administrator's release or an acknowledged override, and audits each change.
/// Several processes may share one database and quarantine directory: moves are serialised by a file lock.
/// </summary>
public sealed class QuarantineManager
{
    private readonly QuarantineOptions _options;
    private readonly QuarantineDatabase _database;
    private readonly ISkillScanner _scanner;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly Action<MoveStep>? _onStep;
    private readonly DirectoryMover _mover;

    private QuarantineManager(QuarantineOptions options, QuarantineDatabase database, ISkillScanner scanner, IAuditLog audit, TimeProvider time, Action<MoveStep>? onStep)
    {
        _options = options;
        _database = database;
        _scanner = scanner;
        _audit = audit;
        _time = time;
        _onStep = onStep;
        _mover = new DirectoryMover(onStep);
    }

    public QuarantineOptions Options => _options;

    /// <summary>Validates the options, opens (or creates and migrates) the database and completes interrupted moves.</summary>
    public static QuarantineManager Open(QuarantineOptions options, ISkillScanner scanner, IAuditLog audit, TimeProvider? time = null) =>
        Open(options, scanner, audit, time, onStep: null);

    /// <summary>As <see cref="Open(QuarantineOptions, ISkillScanner, IAuditLog, TimeProvider?)"/>, reporting each move step (crash tests).</summary>
    internal static QuarantineManager Open(QuarantineOptions options, ISkillScanner scanner, IAuditLog audit, TimeProvider? time, Action<MoveStep>? onStep)
    {
        options.Validate();
        Directory.CreateDirectory(options.QuarantineDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var manager = new QuarantineManager(options, QuarantineDatabase.Open(options.DatabasePath), scanner, audit, time ?? TimeProvider.System, onStep);
        manager.RecoverInterruptedMoves();
        return manager;
    }

    /// <summary>The exact text an administrator must type to run a flagged skill anyway.</summary>
    public static string AcknowledgementPhrase(string skillName) => $"I accept the risk of running {skillName}";

    /// <summary>Moves a flagged skill folder into the quarantine directory with a QUARANTINED.md saying why.</summary>
    public SkillRecord Quarantine(string skillPath, ScanReport report, string? reason = null) =>
        TryQuarantine(skillPath, report, reason) ?? throw new QuarantineException($"{skillPath}: no such skill folder");

    public bool IsQuarantined(string skillName)
    {
        using var c = _database.Connect();
        return SkillStore.FindByName(c, skillName).Any(r => r.Status == SkillStatus.Quarantined);
    }

    public IReadOnlyList<SkillRecord> GetQuarantined()
    {
        using var c = _database.Connect();
        return SkillStore.List(c, SkillStatus.Quarantined);
    }

    public IReadOnlyList<SkillRecord> List()
    {
        using var c = _database.Connect();
        return SkillStore.List(c);
    }

    /// <summary>Finds a skill by numeric id or by name; a name shared by several rows must be given as an id.</summary>
    public SkillRecord Find(string nameOrId, SkillStatus? status = null)
    {
        using var c = _database.Connect();
        return Resolve(c, nameOrId, status);
    }

    public SkillPin? GetPin(string name)
    {
        using var c = _database.Connect();
        return PinStore.Find(c, name);
    }

    /// <summary>Records an approved checksum for a skill name (install policy, <c>scan --pin</c>).</summary>
    public void Pin(string name, string checksum, string source, string? user)
    {
        using var c = _database.Connect();
        Sql.Immediate(c, () => PinStore.Pin(c, new SkillPin(name, checksum, source, user, _time.GetUtcNow())));
    }

    /// <summary>
    /// Checks one skill folder in a root: unchanged checksums (recorded, pinned or overridden) are not rescanned;
    /// otherwise it is scanned and quarantined when flagged, when it changed after an override, or when it no longer
    /// matches its pin.
    /// </summary>
    public SkillCheckResult Check(string skillPath)
    {
        var path = Normalize(skillPath);
        if (!Directory.Exists(path))
        {
            return new SkillCheckResult(path, SkillCheckOutcome.Skipped, null, null);
        }

        SkillRecord? live;
        SkillPin? pin;
        using (var c = _database.Connect())
        {
            if (MoveIntentStore.IsMoving(c, path))
            {
                return new SkillCheckResult(path, SkillCheckOutcome.Skipped, null, null);
            }

            live = SkillStore.FindLive(c, path);
            pin = PinStore.Find(c, PinCheck.PinName(path));
        }

        // The checksum alone decides "unchanged"; a skill seen for the first time gets it from its scan, once.
        if (live is not null && live.Checksum == _scanner.Checksum(path))
        {
            return new SkillCheckResult(path, SkillCheckOutcome.Unchanged, null, live);
        }

        var report = PinCheck.Apply(pin, _scanner.Scan(path), path, _audit);
        var flagged = report.IsFlagged(_options.FailOn);
        QuarantineAudit.Scan(_audit, report, path, flagged);
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

        using (var lockHandle = QuarantineLock.Acquire(_options.DatabasePath))
        using (var c = _database.Connect())
        {
            if (!Directory.Exists(path))
            {
                return new SkillCheckResult(path, SkillCheckOutcome.Skipped, report, null);
            }

            Sql.Immediate(c, () => SkillStore.RecordLiveScan(c, report, path, SkillStatus.Active, _time.GetUtcNow()));
            return new SkillCheckResult(path, SkillCheckOutcome.Clean, report, SkillStore.FindLive(c, path));
        }
    }

    /// <summary>
    /// For a caller that scanned on its own (the scan command): the report as quarantine judges it against the skill's
    /// pin, with the mismatch audited (<see cref="PinCheck"/>).
    /// </summary>
    public ScanReport CheckPin(ScanReport report)
    {
        SkillPin? pin;
        using (var c = _database.Connect())
        {
            pin = PinStore.Find(c, PinCheck.PinName(report.SkillPath));
        }

        return PinCheck.Apply(pin, report, report.SkillPath, _audit);
    }

    /// <summary>Pins a scanned skill's folder name to its checksum (<c>securestack scan --pin</c>).</summary>
    public void Pin(ScanReport report, string source, string? user) => Pin(PinCheck.PinName(report.SkillPath), report.Checksum, source, user);

    /// <summary>
    /// For <c>securestack scan PATH --quarantine</c>: scans each path (a skill folder, or a folder of skills) and
    /// quarantines every skill whose verdict is at or above <paramref name="failOn"/>.
    /// </summary>
    public IReadOnlyList<SkillCheckResult> ScanAndQuarantine(IEnumerable<string> paths, VerdictLevel failOn)
    {
        var results = new List<SkillCheckResult>();
        foreach (var given in paths)
        {
            var path = Normalize(given);
            var skills = SkillDiscovery.IsSkill(path) ? [path] : SkillDiscovery.Find(path);
            foreach (var skill in skills)
            {
                var report = _scanner.Scan(skill);
                var flagged = report.IsFlagged(failOn);
                QuarantineAudit.Scan(_audit, report, skill, flagged);
                results.Add(flagged
                    ? Quarantined(skill, report, $"flagged by `securestack scan --quarantine` at or above {failOn.ToString().ToLowerInvariant()}")
                    : new SkillCheckResult(skill, SkillCheckOutcome.Clean, report, null));
            }
        }

        return results;
    }

    /// <summary>
    /// For a caller that already scanned (the scan command): quarantines every report's skill whose verdict is at or
    /// above <paramref name="failOn"/>; the others are left where they are.
    /// </summary>
    public IReadOnlyList<SkillCheckResult> QuarantineFlagged(IEnumerable<ScanReport> reports, VerdictLevel failOn) =>
        [.. reports.Where(r => r.IsFlagged(failOn) && Directory.Exists(r.SkillPath)).Select(r => Quarantined(Normalize(r.SkillPath), r,
            $"flagged by `securestack scan --quarantine` at or above {failOn.ToString().ToLowerInvariant()}"))];

    /// <summary>Scans the quarantined copy; a clean result after it was modified puts it back in its root.</summary>
    public RescanResult Rescan(string nameOrId)
    {
        var row = Find(nameOrId, SkillStatus.Quarantined);
        var report = _scanner.Scan(row.QuarantinePath!);
        var flagged = report.IsFlagged(_options.FailOn);
        QuarantineAudit.Scan(_audit, report, row.QuarantinePath!, flagged);
        if (!flagged && report.Checksum != row.Checksum)
        {
            var restored = Restore(row, report.Checksum, SkillStatus.Active, null, null, "clean rescan after modification");
            return new RescanResult(report, true, restored);
        }

        using var c = _database.Connect();
        Sql.Immediate(c, () => SkillStore.UpdateQuarantinedScan(c, row.Id, report, _time.GetUtcNow()));
        return new RescanResult(report, false, SkillStore.FindById(c, row.Id)!);
    }

    /// <summary>An administrator puts a skill back after review; refused while a fresh scan still flags it.</summary>
    public SkillRecord Release(string nameOrId, string user)
    {
        var row = Find(nameOrId, SkillStatus.Quarantined);
        var report = _scanner.Scan(row.QuarantinePath!);
        var flagged = report.IsFlagged(_options.FailOn);
        QuarantineAudit.Scan(_audit, report, row.QuarantinePath!, flagged);
        if (flagged)
        {
            throw new QuarantineException(
                $"{row.Name} is still flagged ({Describe(report)}); fix it and run `securestack quarantine rescan {row.Name}`, "
                + $"or run it anyway with `securestack quarantine override {row.Name} --force-allow`");
        }

        return Restore(row, report.Checksum, SkillStatus.Active, user, null, "released by an administrator");
    }

    /// <summary>
    /// Puts a flagged skill back because an administrator typed the exact acknowledgement; it stays pinned to its
    /// current checksum and any later change re-quarantines it.
    /// </summary>
    public SkillRecord ForceOverride(string nameOrId, string user, string acknowledgement)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new QuarantineException("an override needs the name of the user who accepts the risk");
        }

        var row = Find(nameOrId, SkillStatus.Quarantined);
        var phrase = AcknowledgementPhrase(row.Name);
        if (!string.Equals(acknowledgement, phrase, StringComparison.Ordinal))
        {
            throw new QuarantineException($"the acknowledgement does not match; to override {row.Name} type exactly: {phrase}");
        }

        var checksum = _scanner.Checksum(row.QuarantinePath!);
        return Restore(row, checksum, SkillStatus.Overridden, user, acknowledgement, "override acknowledged by " + user);
    }

    /// <summary>Completes (rolls forward) every move a crashed process left half done. Returns how many.</summary>
    public int RecoverInterruptedMoves()
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

    private SkillCheckResult Quarantined(string path, ScanReport report, string? reason)
    {
        var record = TryQuarantine(path, report, reason);
        return new SkillCheckResult(path, record is null ? SkillCheckOutcome.Skipped : SkillCheckOutcome.Quarantined, report, record);
    }

    private SkillRecord? TryQuarantine(string skillPath, ScanReport report, string? reason)
    {
        var path = Normalize(skillPath);
        if (PathUtil.IsSameOrInside(path, _options.QuarantineDirectory))
        {
            throw new QuarantineException($"{path} is already inside the quarantine directory");
        }

        using var lockHandle = QuarantineLock.Acquire(_options.DatabasePath);
        using var c = _database.Connect();
        if (!Directory.Exists(path))
        {
            // Another process moved it first.
            return null;
        }

        var folder = Path.GetFileName(path);
        var entry = UniqueEntry(c, folder);
        var ticket = new QuarantineTicket(report.SkillName, path, entry, Path.Combine(entry, folder), report.Checksum, report.Findings,
            report.TrustScore?.Overall, report.ScannedAt, reason ?? Describe(report));
        var id = Sql.Immediate(c, () => MoveIntentStore.Add(c, path, ticket.QuarantinePath, ticket, null, _time.GetUtcNow()));
        Directory.CreateDirectory(entry);
        _onStep?.Invoke(MoveStep.IntentRecorded);
        return CompleteQuarantine(c, id, ticket, recovered: false);
    }

    private SkillRecord? CompleteQuarantine(SqliteConnection c, long intentId, QuarantineTicket ticket, bool recovered)
    {
        var source = ticket.OriginalPath;
        var destination = ticket.QuarantinePath;
        if (Exists(destination))
        {
            // The destination only ever appears complete, so whatever is left at the source is a half-deleted copy.
            if (Exists(source))
            {
                _mover.FinishSource(source);
            }
        }
        else if (Exists(source))
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

    private SkillRecord Restore(SkillRecord row, string checksum, SkillStatus status, string? user, string? acknowledgement, string why)
    {
        using var lockHandle = QuarantineLock.Acquire(_options.DatabasePath);
        using var c = _database.Connect();
        var current = SkillStore.FindById(c, row.Id);
        if (current?.Status != SkillStatus.Quarantined || current.QuarantinePath is null)
        {
            throw new QuarantineException($"{row.Name} (#{row.Id}) is no longer quarantined");
        }

        if (Exists(current.Path))
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

    private SkillRecord CompleteRestore(SqliteConnection c, long intentId, RestoreTicket ticket, bool recovered)
    {
        if (Exists(ticket.OriginalPath))
        {
            if (Exists(ticket.QuarantinePath))
            {
                _mover.FinishSource(ticket.QuarantinePath);
            }
        }
        else if (Exists(ticket.QuarantinePath))
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
                PinStore.Pin(c, new SkillPin(Path.GetFileName(ticket.OriginalPath), ticket.Checksum, "override", ticket.User, now));
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
            if (!Exists(entry) && !MoveIntentStore.IsMoving(c, Path.Combine(entry, folder)))
            {
                return entry;
            }
        }
    }

    private static SkillRecord Resolve(SqliteConnection c, string nameOrId, SkillStatus? status)
    {
        var text = nameOrId.TrimStart('#');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var byId = SkillStore.FindById(c, id);
            if (byId is not null && (status is null || byId.Status == status))
            {
                return byId;
            }
        }

        var rows = SkillStore.FindByName(c, nameOrId).Where(r => status is null || r.Status == status).ToList();
        var what = status is null ? "skill" : SkillStore.Word(status.Value) + " skill";
        return rows.Count switch
        {
            1 => rows[0],
            0 => throw new QuarantineException($"no {what} named \"{nameOrId}\"; see `securestack quarantine list`", notFound: true),
            _ => throw new QuarantineException(
                $"\"{nameOrId}\" names {rows.Count} {what}s: {string.Join(", ", rows.Select(r => $"#{r.Id} ({r.Path})"))}; give the id instead",
                notFound: true),
        };
    }

    private static string Describe(ScanReport report)
    {
        var top = report.Verdict.Deciding.Take(3)
            .Select(d => $"{d.Finding.RuleId} in {d.Finding.File}:{d.Finding.Line.ToString(CultureInfo.InvariantCulture)}");
        return report.Verdict.Deciding.Count == 0
            ? $"judged {report.Verdict.Level.ToString().ToLowerInvariant()} by the scanner"
            : string.Create(CultureInfo.InvariantCulture, $"{report.Verdict.Level.ToString().ToLowerInvariant()} (score {report.Verdict.Score}): {string.Join(", ", top)}");
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
