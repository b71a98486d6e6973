using Microsoft.Data.Sqlite;
using SecureStack.Quarantine.State;

namespace SecureStack.Quarantine.Tests.State;

public sealed class QuarantineDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-qdb-").FullName;

    private string DbPath => Path.Combine(_dir, "q.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_CreatesTheSchemaInWalModeAndRecordsItsVersion()
    {
        var database = QuarantineDatabase.Open(DbPath);
        using var c = database.Connect();
        Assert.Equal("wal", Sql.Scalar(c, "PRAGMA journal_mode"));
        Assert.Equal((long)QuarantineDatabase.SchemaVersion, Sql.Scalar(c, "PRAGMA user_version"));
        Assert.Equal((long)Migrations.ApplicationId, Sql.Scalar(c, "PRAGMA application_id"));
        var tables = new List<string>();
        using (var cmd = Sql.Command(c, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["install_decisions", "move_intents", "pins", "skills"], tables);
    }

    [Fact]
    public void Open_MigratesAVersionOneDatabase_KeepingItsPins()
    {
        using (var c = QuarantineDatabase.Open(DbPath).Connect())
        {
            PinStore.Pin(c, new SkillPin("weather", "abc", "test", "alice", DateTimeOffset.UnixEpoch));
            Sql.Execute(c, "DROP TABLE install_decisions; PRAGMA user_version = 1");
        }

        using var reopened = QuarantineDatabase.Open(DbPath).Connect();

        Assert.Equal((long)QuarantineDatabase.SchemaVersion, Sql.Scalar(reopened, "PRAGMA user_version"));
        Assert.Equal("abc", PinStore.Find(reopened, "weather")!.Checksum);
        InstallDecisionStore.Count(reopened, "warn");
        Assert.Equal(1L, InstallDecisionStore.Counts(reopened)["warn"]);
    }

    [Fact]
    public void Open_TwiceKeepsData()
    {
        var first = QuarantineDatabase.Open(DbPath);
        using (var c = first.Connect())
        {
            PinStore.Pin(c, new SkillPin("weather", "abc", "test", "alice", DateTimeOffset.UnixEpoch));
        }

        var second = QuarantineDatabase.Open(DbPath);
        using var c2 = second.Connect();
        Assert.Equal("abc", PinStore.Find(c2, "weather")!.Checksum);
    }

    [Fact]
    public void Open_RefusesAFileThatIsNotSqlite_AndLeavesItByteForByte()
    {
        var garbage = "this is not a database, but it is somebody's data\n"u8.ToArray().Concat(new byte[5000]).ToArray();
        File.WriteAllBytes(DbPath, garbage);

        var error = Assert.Throws<QuarantineStateException>(() => QuarantineDatabase.Open(DbPath));

        Assert.Contains(DbPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("left untouched", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(DbPath));
        Assert.False(File.Exists(DbPath + "-wal"));
    }

    [Fact]
    public void Open_RefusesADamagedDatabase_AndLeavesItByteForByte()
    {
        QuarantineDatabase.Open(DbPath);
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            Sql.Execute(c, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE");
        }

        var bytes = File.ReadAllBytes(DbPath);
        // Smash the b-tree pages after the header: the file still says "SQLite format 3".
        for (var i = 4096; i < bytes.Length; i++)
        {
            bytes[i] = 0x5A;
        }

        File.WriteAllBytes(DbPath, bytes);

        var error = Assert.Throws<QuarantineStateException>(() => QuarantineDatabase.Open(DbPath));

        Assert.Contains(DbPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void Open_RefusesSomebodyElsesSqliteFile()
    {
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            Sql.Execute(c, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('keep me')");
        }

        var before = File.ReadAllBytes(DbPath);

        var error = Assert.Throws<QuarantineStateException>(() => QuarantineDatabase.Open(DbPath));

        Assert.Contains("belongs to something else", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void Open_RefusesANewerSchema()
    {
        QuarantineDatabase.Open(DbPath);
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            c.Open();
            Sql.Execute(c, "PRAGMA user_version = 99");
        }

        var error = Assert.Throws<QuarantineStateException>(() => QuarantineDatabase.Open(DbPath));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }
}
