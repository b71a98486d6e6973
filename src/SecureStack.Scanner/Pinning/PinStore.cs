using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SecureStack.Scanner.Pinning;

/// <summary>
/// Checksum pins in SQLite (table <c>skill_pins</c>, WAL, schema version in <c>user_version</c>), shareable with the
/// quarantine database. A scan of a pinned skill whose checksum changed gets a critical SS-PIN-MISMATCH finding.
/// </summary>
public sealed class PinStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private PinStore(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <exception cref="ScannerConfigurationException">The database cannot be opened or has a newer schema.</exception>
    public static PinStore Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;");
            using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version;";
            var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'skill_pins';";
            var hasTable = Convert.ToInt32(tables.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
            if (!hasTable)
            {
                // Another component may own user_version for its own tables; the pin table is created alongside.
                Execute(connection, "CREATE TABLE skill_pins (name TEXT PRIMARY KEY, path TEXT NOT NULL, checksum TEXT NOT NULL, pinned_at TEXT NOT NULL);");
                if (current == 0)
                {
                    Execute(connection, $"PRAGMA user_version = {SchemaVersion};");
                }
            }
            return new PinStore(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ScannerConfigurationException($"{path}: the pin database cannot be opened ({e.Message}); nothing was changed", e);
        }
    }

    public void Pin(SkillPin pin)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO skill_pins (name, path, checksum, pinned_at) VALUES ($name, $path, $checksum, $at) " +
                "ON CONFLICT(name) DO UPDATE SET path = excluded.path, checksum = excluded.checksum, pinned_at = excluded.pinned_at;";
            command.Parameters.AddWithValue("$name", pin.Name);
            command.Parameters.AddWithValue("$path", pin.Path);
            command.Parameters.AddWithValue("$checksum", pin.Checksum);
            command.Parameters.AddWithValue("$at", pin.PinnedAt.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
    }

    public SkillPin? Find(string name)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT name, path, checksum, pinned_at FROM skill_pins WHERE name = $name;";
            command.Parameters.AddWithValue("$name", name);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new SkillPin(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
                : null;
        }
    }

    public void Dispose() => _connection.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
