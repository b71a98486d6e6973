using Microsoft.Data.Sqlite;

namespace SecureStack.Quarantine.State;

/// <summary>
/// The SQLite file: WAL, full sync, a busy timeout so several processes (watchers, the CLI) can share it, and
/// migrations applied once under an immediate transaction. A damaged or foreign file is refused, never rewritten.
/// </summary>
internal sealed class QuarantineDatabase
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private readonly string _connectionString;

    private QuarantineDatabase(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    public string Path { get; }

    public static int SchemaVersion => Migrations.Scripts.Count;

    public static QuarantineDatabase Open(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy statement until this much time has passed, each try waiting
            // busy_timeout (10 s): 5 s here means one try, so a locked file is reported after ~10 s, not 30-60 s.
            DefaultTimeout = 5,
        }.ToString();
        var database = new QuarantineDatabase(path, connectionString);
        try
        {
            database.Migrate();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new QuarantineStateException(
                $"{path}: the quarantine database is damaged or not a SQLite file ({e.Message.TrimEnd('.')}). It was left untouched; "
                + $"restore it from a backup or move it aside (a new one is created), then run `securestack watch` to rebuild state from the skill roots",
                e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new QuarantineStateException(
                $"{path}: the quarantine database is locked by another process ({e.Message.TrimEnd('.')}); nothing was changed. "
                + $"Try again when that process is done (`fuser {path}` names it)",
                e);
        }

        return database;
    }

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Connect();
        var check = Scalar(connection, "PRAGMA quick_check");
        if (!string.Equals(check as string, "ok", StringComparison.Ordinal))
        {
            throw new QuarantineStateException(
                $"{Path}: integrity check failed ({check}). The database was left untouched; restore it from a backup or move it aside");
        }

        // Checked before anything is written: a foreign file must come out byte-for-byte unchanged.
        CheckOwnership(connection);
        Execute(connection, "PRAGMA journal_mode = WAL");
        Sql.Immediate(connection, () =>
        {
            var version = CheckOwnership(connection);
            for (var next = version; next < SchemaVersion; next++)
            {
                Execute(connection, Migrations.Scripts[next]);
            }

            Execute(connection, $"PRAGMA application_id = {Migrations.ApplicationId}; PRAGMA user_version = {SchemaVersion}");
        });
    }

    private int CheckOwnership(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_schema"), System.Globalization.CultureInfo.InvariantCulture);
        if (applicationId == 0 && tables > 0)
        {
            throw new QuarantineStateException(
                $"{Path}: this SQLite file belongs to something else (it has tables but no SecureStack marker); point {QuarantineOptions.DatabaseVariable} at another file");
        }

        if (applicationId != 0 && applicationId != Migrations.ApplicationId)
        {
            throw new QuarantineStateException(
                $"{Path}: this SQLite file belongs to another application (application_id {applicationId}); point {QuarantineOptions.DatabaseVariable} at another file");
        }

        if (version > SchemaVersion)
        {
            throw new QuarantineStateException(
                $"{Path}: schema version {version} is newer than this securestack understands ({SchemaVersion}); upgrade securestack");
        }

        return version;
    }

    private static object? Scalar(SqliteConnection connection, string sql) => Sql.Scalar(connection, sql);

    private static void Execute(SqliteConnection connection, string sql) => Sql.Execute(connection, sql);
}
