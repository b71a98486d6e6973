namespace SecureStack.Quarantine.State;

/// <summary>The schema, one script per version; <c>PRAGMA user_version</c> records how many have run.</summary>
internal static class Migrations
{
    /// <summary>Marks the database as ours so a foreign SQLite file is refused rather than altered.</summary>
    public const int ApplicationId = 0x53535155; // "SSQU"

    public static readonly IReadOnlyList<string> Scripts =
    [
        // 1: skill state (the seed's SkillMetadata plus quarantine location), pins, move intents.
        """
        CREATE TABLE skills (
            id              INTEGER PRIMARY KEY,
            name            TEXT NOT NULL,
            path            TEXT NOT NULL,
            checksum        TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('active', 'quarantined', 'overridden')),
            last_scanned    TEXT,
            trust_score     INTEGER,
            findings_json   TEXT NOT NULL DEFAULT '[]',
            reason          TEXT,
            quarantine_path TEXT,
            quarantined_at  TEXT,
            override_user   TEXT,
            override_ack    TEXT,
            override_at     TEXT,
            updated_at      TEXT NOT NULL
        );
        CREATE UNIQUE INDEX skills_live_path ON skills(path) WHERE status <> 'quarantined';
        CREATE UNIQUE INDEX skills_quarantine_path ON skills(quarantine_path) WHERE quarantine_path IS NOT NULL;
        CREATE INDEX skills_name ON skills(name);
        CREATE TABLE pins (
            name       TEXT PRIMARY KEY,
            checksum   TEXT NOT NULL,
            source     TEXT NOT NULL,
            pinned_by  TEXT,
            pinned_at  TEXT NOT NULL
        );
        CREATE TABLE move_intents (
            id           INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL CHECK (kind IN ('quarantine', 'restore')),
            source       TEXT NOT NULL,
            destination  TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            created_at   TEXT NOT NULL
        );
        """,

        // 2: install-policy answers, counted by the short-lived hook and exported by the long-running watcher.
        """
        CREATE TABLE install_decisions (
            decision TEXT PRIMARY KEY CHECK (decision IN ('allow', 'warn', 'block')),
            count    INTEGER NOT NULL
        );
        """,
    ];
}
