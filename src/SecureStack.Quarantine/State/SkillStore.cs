using System.Globalization;
using Microsoft.Data.Sqlite;
using SecureStack.Scanner;

namespace SecureStack.Quarantine.State;

/// <summary>Reads and writes the <c>skills</c> table on a caller's connection (and transaction).</summary>
internal static class SkillStore
{
    private const string Columns =
        "id, name, path, checksum, status, last_scanned, trust_score, findings_json, reason, quarantine_path, quarantined_at, override_user, override_ack, override_at";

    public static SkillRecord? FindById(SqliteConnection c, long id) =>
        Query(c, $"SELECT {Columns} FROM skills WHERE id = $id", ("$id", id)).SingleOrDefault();

    public static IReadOnlyList<SkillRecord> FindByName(SqliteConnection c, string name) =>
        Query(c, $"SELECT {Columns} FROM skills WHERE name = $name ORDER BY id", ("$name", name));

    /// <summary>The row of the skill currently at <paramref name="path"/> in a root (active or overridden).</summary>
    public static SkillRecord? FindLive(SqliteConnection c, string path) =>
        Query(c, $"SELECT {Columns} FROM skills WHERE path = $path AND status <> 'quarantined'", ("$path", path)).SingleOrDefault();

    public static IReadOnlyList<SkillRecord> List(SqliteConnection c, SkillStatus? status = null) => status is { } s
        ? Query(c, $"SELECT {Columns} FROM skills WHERE status = $status ORDER BY name, id", ("$status", Word(s)))
        : Query(c, $"SELECT {Columns} FROM skills ORDER BY name, id");

    /// <summary>Records a scan of a skill in a root: creates or updates its live row (keeping an override's pin).</summary>
    public static void RecordLiveScan(SqliteConnection c, ScanReport report, string path, SkillStatus status, DateTimeOffset now) =>
        Sql.Execute(c, """
            INSERT INTO skills (name, path, checksum, status, last_scanned, trust_score, findings_json, updated_at)
            VALUES ($name, $path, $checksum, $status, $scanned, $trust, $findings, $now)
            ON CONFLICT (path) WHERE status <> 'quarantined' DO UPDATE SET
                name = excluded.name, checksum = excluded.checksum, status = excluded.status, last_scanned = excluded.last_scanned,
                trust_score = excluded.trust_score, findings_json = excluded.findings_json, updated_at = excluded.updated_at
            """,
            ("$name", report.SkillName), ("$path", path), ("$checksum", report.Checksum), ("$status", Word(status)),
            ("$scanned", Time(report.ScannedAt)), ("$trust", report.TrustScore?.Overall), ("$findings", FindingsJson.Serialize(report.Findings)),
            ("$now", Time(now)));

    /// <summary>Turns the live row for <paramref name="path"/> (or a new row) into a quarantined one.</summary>
    public static long MarkQuarantined(SqliteConnection c, QuarantineTicket ticket, DateTimeOffset now)
    {
        var live = FindLive(c, ticket.OriginalPath);
        (string, object?)[] values =
        [
            ("$name", ticket.Name), ("$path", ticket.OriginalPath), ("$checksum", ticket.Checksum), ("$scanned", Time(ticket.ScannedAt)),
            ("$trust", ticket.TrustScore), ("$findings", FindingsJson.Serialize(ticket.Findings)), ("$reason", ticket.Reason),
            ("$qpath", ticket.QuarantinePath), ("$now", Time(now)),
        ];
        if (live is null)
        {
            Sql.Execute(c, """
                INSERT INTO skills (name, path, checksum, status, last_scanned, trust_score, findings_json, reason, quarantine_path, quarantined_at, updated_at)
                VALUES ($name, $path, $checksum, 'quarantined', $scanned, $trust, $findings, $reason, $qpath, $now, $now)
                """, values);
            return (long)Sql.Scalar(c, "SELECT last_insert_rowid()")!;
        }

        Sql.Execute(c, """
            UPDATE skills SET name = $name, checksum = $checksum, status = 'quarantined', last_scanned = $scanned, trust_score = $trust,
                findings_json = $findings, reason = $reason, quarantine_path = $qpath, quarantined_at = $now,
                override_user = NULL, override_ack = NULL, override_at = NULL, updated_at = $now
            WHERE id = $id
            """, [.. values, ("$id", live.Id)]);
        return live.Id;
    }

    /// <summary>A quarantined row back in its root, as active or as an acknowledged override.</summary>
    public static void MarkRestored(SqliteConnection c, long id, string checksum, SkillStatus status, string? user, string? ack, DateTimeOffset now)
    {
        var row = FindById(c, id) ?? throw new QuarantineException($"skill #{id} vanished from the database while being restored");
        // A row left by a skill that was deleted from this path by hand must not block the restore.
        Sql.Execute(c, "DELETE FROM skills WHERE path = $path AND status <> 'quarantined' AND id <> $id", ("$path", row.Path), ("$id", id));
        Sql.Execute(c, """
            UPDATE skills SET status = $status, checksum = $checksum, quarantine_path = NULL, override_user = $user, override_ack = $ack,
                override_at = $at, updated_at = $now
            WHERE id = $id
            """,
            ("$status", Word(status)), ("$checksum", checksum), ("$user", user), ("$ack", ack),
            ("$at", user is null ? null : Time(now)), ("$now", Time(now)), ("$id", id));
    }

    public static void UpdateQuarantinedScan(SqliteConnection c, long id, ScanReport report, DateTimeOffset now) =>
        Sql.Execute(c, """
            UPDATE skills SET checksum = $checksum, last_scanned = $scanned, trust_score = $trust, findings_json = $findings, updated_at = $now
            WHERE id = $id
            """,
            ("$checksum", report.Checksum), ("$scanned", Time(report.ScannedAt)), ("$trust", report.TrustScore?.Overall),
            ("$findings", FindingsJson.Serialize(report.Findings)), ("$now", Time(now)), ("$id", id));

    /// <summary>Forgets live rows whose folders are gone (deleted by hand); quarantined rows are kept.</summary>
    public static int ForgetLive(SqliteConnection c, string path) =>
        Sql.Execute(c, "DELETE FROM skills WHERE path = $path AND status <> 'quarantined'", ("$path", path));

    public static string Word(SkillStatus status) => status switch
    {
        SkillStatus.Active => "active",
        SkillStatus.Quarantined => "quarantined",
        SkillStatus.Overridden => "overridden",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static SkillStatus ParseStatus(string word) => word switch
    {
        "active" => SkillStatus.Active,
        "quarantined" => SkillStatus.Quarantined,
        "overridden" => SkillStatus.Overridden,
        _ => throw new QuarantineStateException($"unknown skill status \"{word}\" in the database"),
    };

    private static List<SkillRecord> Query(SqliteConnection c, string sql, params (string, object?)[] parameters)
    {
        using var command = Sql.Command(c, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<SkillRecord>();
        while (reader.Read())
        {
            rows.Add(new SkillRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                ParseStatus(reader.GetString(4)),
                ParseTime(Sql.NullableString(reader, 5)),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                FindingsJson.Deserialize(reader.GetString(7)),
                Sql.NullableString(reader, 8))
            {
                QuarantinePath = Sql.NullableString(reader, 9),
                QuarantinedAt = ParseTime(Sql.NullableString(reader, 10)),
                OverrideUser = Sql.NullableString(reader, 11),
                OverrideAck = Sql.NullableString(reader, 12),
                OverrideAt = ParseTime(Sql.NullableString(reader, 13)),
            });
        }

        return rows;
    }
}
