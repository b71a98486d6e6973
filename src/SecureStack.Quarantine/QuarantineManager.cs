using SecureStack.Audit;
using SecureStack.Quarantine.Checking;
using SecureStack.Quarantine.Moves;
using SecureStack.Quarantine.Queries;
using SecureStack.Quarantine.State;
using SecureStack.Scanner;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Quarantine;

/// <summary>
/// The lifecycle of flagged skills, in three parts: checking (<see cref="SkillChecker"/>: scan, pins, verdict, the
/// <c>skill_scan</c> audit), crash-safe moving (<see cref="SkillMoves"/>) and queries (<see cref="QuarantineQueries"/>).
/// Several processes may share one database and quarantine directory: moves are serialised by a file lock.
/// </summary>
public sealed class QuarantineManager
{
    private readonly QuarantineDatabase _database;
    private readonly TimeProvider _time;
    private readonly SkillChecker _checker;
    private readonly SkillMoves _moves;
    private readonly QuarantineQueries _queries;

    private QuarantineManager(QuarantineOptions options, QuarantineDatabase database, ISkillScanner scanner, IAuditLog audit, TimeProvider time, Action<MoveStep>? onStep)
    {
        Options = options;
        _database = database;
        _time = time;
        _moves = new SkillMoves(options, database, audit, time, onStep);
        _queries = new QuarantineQueries(database);
        _checker = new SkillChecker(options, database, scanner, audit, time, _moves, _queries);
    }

    public QuarantineOptions Options { get; }

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
        _moves.Quarantine(skillPath, report, reason) ?? throw new QuarantineException($"{skillPath}: no such skill folder");

    public bool IsQuarantined(string skillName) => _queries.IsQuarantined(skillName);

    public IReadOnlyList<SkillRecord> GetQuarantined() => _queries.List(SkillStatus.Quarantined);

    public IReadOnlyList<SkillRecord> List() => _queries.List();

    /// <summary>Finds a skill by numeric id or by name; a name shared by several rows must be given as an id.</summary>
    public SkillRecord Find(string nameOrId, SkillStatus? status = null) => _queries.Find(nameOrId, status);

    public SkillPin? GetPin(string name) => _queries.Pin(name);

    /// <summary>Records an approved checksum for a skill name (install policy, <c>scan --pin</c>).</summary>
    public void Pin(string name, string checksum, string source, string? user)
    {
        using var c = _database.Connect();
        Sql.Immediate(c, () => PinStore.Pin(c, new SkillPin(name, checksum, source, user, _time.GetUtcNow())));
    }

    /// <summary>Counts one install-policy answer where the long-running watcher, which opens the same database, exports it.</summary>
    public void CountInstallDecision(string decision)
    {
        using var c = _database.Connect();
        Sql.Immediate(c, () => InstallDecisionStore.Count(c, decision));
    }

    /// <summary>Install-policy answers counted so far, by decision (allow, warn, block).</summary>
    public IReadOnlyDictionary<string, long> InstallDecisions() => _queries.InstallDecisions();

    /// <summary>Pins a scanned skill's folder name to its checksum (<c>securestack scan --pin</c>).</summary>
    public void Pin(ScanReport report, string source, string? user) => Pin(PinCheck.PinName(report.SkillPath), report.Checksum, source, user);

    /// <summary>
    /// Checks one skill folder in a root: unchanged checksums (recorded, pinned or overridden) are not rescanned;
    /// otherwise it is scanned and quarantined when flagged, when it changed after an override, or when it no longer
    /// matches its pin.
    /// </summary>
    public SkillCheckResult Check(string skillPath) => _checker.Check(skillPath);

    /// <summary>
    /// For a caller that scanned on its own (the scan command): the report as quarantine judges it against the skill's
    /// pin, with a mismatch audited (<see cref="PinCheck"/>).
    /// </summary>
    public ScanReport CheckPin(ScanReport report) => _checker.CheckPin(report);

    /// <summary>
    /// Scans each path (a skill folder, or a folder of skills) and quarantines every skill whose verdict is at or
    /// above <paramref name="failOn"/>.
    /// </summary>
    public IReadOnlyList<SkillCheckResult> ScanAndQuarantine(IEnumerable<string> paths, VerdictLevel failOn) => _checker.ScanAndQuarantine(paths, failOn);

    /// <summary>
    /// For a caller that already scanned (the scan command): quarantines every report's skill whose verdict is at or
    /// above <paramref name="failOn"/>; the others are left where they are.
    /// </summary>
    public IReadOnlyList<SkillCheckResult> QuarantineFlagged(IEnumerable<ScanReport> reports, VerdictLevel failOn) => _checker.QuarantineFlagged(reports, failOn);

    /// <summary>Scans the quarantined copy; a clean result after it was modified puts it back in its root.</summary>
    public RescanResult Rescan(string nameOrId) => _checker.Rescan(nameOrId);

    /// <summary>An administrator puts a skill back after review; refused while a fresh scan still flags it.</summary>
    public SkillRecord Release(string nameOrId, string user) => _checker.Release(nameOrId, user);

    /// <summary>
    /// Puts a flagged skill back because an administrator typed the exact acknowledgement; it stays pinned to its
    /// current checksum and any later change re-quarantines it.
    /// </summary>
    public SkillRecord ForceOverride(string nameOrId, string user, string acknowledgement) => _checker.ForceOverride(nameOrId, user, acknowledgement);

    /// <summary>Completes (rolls forward) every move a crashed process left half done. Returns how many.</summary>
    public int RecoverInterruptedMoves() => _moves.RecoverInterrupted();
}
