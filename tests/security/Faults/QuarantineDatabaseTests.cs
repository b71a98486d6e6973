using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace SecureStack.Security.Tests.Faults;

/// <summary>
/// The quarantine database (SQLite) locked by another process, or damaged: the install-policy hook blocks,
/// <c>scan --pin</c> and the quarantine commands exit 2 saying what is wrong (no stack trace), nothing gets
/// approved or pinned, and the audit log still verifies.
/// </summary>
[Collection("Faults")]
public sealed class QuarantineDatabaseTests : IDisposable
{
    private readonly FaultStack _stack = new();
    private readonly string _database;
    private readonly string _skills;
    private readonly string _staged;
    private readonly Dictionary<string, string> _environment;

    public QuarantineDatabaseTests()
    {
        _database = Path.Combine(_stack.Directory, "state", "quarantine.db");
        _skills = Directory.CreateDirectory(Path.Combine(_stack.Directory, "skills")).FullName;
        _staged = Directory.CreateDirectory(Path.Combine(_stack.Directory, "staging", "weather")).FullName;
        File.WriteAllText(Path.Combine(_staged, "SKILL.md"), "---\nname: weather\ndescription: Look up the weather.\n---\nAsk for a city and report its weather.\n");
        _environment = new Dictionary<string, string>
        {
            ["SECURESTACK_DB"] = _database,
            ["SECURESTACK_QUARANTINE_DIR"] = Path.Combine(_stack.Directory, "quarantine"),
            ["SECURESTACK_SKILL_ROOTS"] = _skills,
            ["AUDIT_LOG_PATH"] = _stack.AuditPath,
        };
    }

    public void Dispose() => Directory.Delete(_stack.Directory, recursive: true);

    [Fact]
    public async Task LockedDatabase_BlocksInstall_CommandsExit2_NothingApproved()
    {
        await CreateDatabaseAsync();
        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database, Pooling = false }.ToString()))
        {
            holder.Open();
            using var lockIt = holder.CreateCommand();
            // Another process holding the write lock (a stuck watcher, a backup tool): nobody else may read or write.
            lockIt.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE skills SET name = name;";
            lockIt.ExecuteNonQuery();

            var runs = await Task.WhenAll(InstallPolicyAsync(), ScanPinAsync(), QuarantineListAsync());
            AssertFailsClosed(runs, "locked");
        }

        AssertNothingApproved();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task DamagedDatabase_BlocksInstall_CommandsExit2_LeftUntouched(int page)
    {
        await CreateDatabaseAsync();
        var pageSize = 4096;
        var original = await File.ReadAllBytesAsync(_database);
        Assert.True(original.Length >= 2 * pageSize, "the database is smaller than two pages");
        // Garbage over the header (page 0) or over the first table's b-tree page (page 1).
        var garbage = new byte[page == 0 ? 100 : pageSize];
        new Random(page + 7).NextBytes(garbage);
        using (var file = new FileStream(_database, FileMode.Open, FileAccess.Write))
        {
            file.Position = page * pageSize;
            await file.WriteAsync(garbage);
        }

        var damaged = await File.ReadAllBytesAsync(_database);
        var runs = await Task.WhenAll(InstallPolicyAsync(), ScanPinAsync(), QuarantineListAsync());
        AssertFailsClosed(runs, page == 0 ? "not a SQLite file" : "integrity check failed");
        Assert.Equal(damaged, await File.ReadAllBytesAsync(_database));
        AssertRefusalAudited();
    }

    private async Task CreateDatabaseAsync()
    {
        var created = await CliRun.RunAsync(_environment, null, "quarantine", "list");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(File.Exists(_database), created.ToString());
    }

    private Task<CliRun> InstallPolicyAsync() => CliRun.RunAsync(_environment, JsonSerializer.Serialize(new JsonObject
    {
        ["protocolVersion"] = 1,
        ["openclawVersion"] = "2026.9.6",
        ["targetType"] = "skill",
        ["targetName"] = "weather",
        ["sourcePath"] = _staged,
        ["sourcePathKind"] = "directory",
        ["request"] = new JsonObject { ["kind"] = "skill-install", ["mode"] = "install", ["requestedSpecifier"] = "clawhub:weather@1.0.0" },
    }), "install-policy");

    private Task<CliRun> ScanPinAsync() => CliRun.RunAsync(_environment, null, "scan", "--pin", "--db", _database, _staged);

    private Task<CliRun> QuarantineListAsync() => CliRun.RunAsync(_environment, null, "quarantine", "list");

    private static void AssertFailsClosed(CliRun[] runs, string why)
    {
        var (install, scan, list) = (runs[0], runs[1], runs[2]);
        Assert.True(install.ExitCode == 0, install.ToString());
        var decision = JsonNode.Parse(install.Output)!.AsObject();
        Assert.True((string?)decision["decision"] == "block", install.ToString());
        Assert.True(install.Output.Contains(why, StringComparison.OrdinalIgnoreCase), install.ToString());

        foreach (var run in new[] { scan, list })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.True(run.Error.Contains(why, StringComparison.OrdinalIgnoreCase), run.ToString());
            Assert.DoesNotContain("   at ", run.Error + run.Output, StringComparison.Ordinal);
        }
    }

    private void AssertNothingApproved()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var pins = connection.CreateCommand();
        pins.CommandText = "SELECT (SELECT count(*) FROM pins) + (SELECT count(*) FROM skills)";
        Assert.Equal(0L, (long)pins.ExecuteScalar()!);
        AssertRefusalAudited();
    }

    /// <summary>The log verifies, holds the hook's block and no approval of any kind.</summary>
    private void AssertRefusalAudited()
    {
        var records = _stack.VerifiedRecords();
        Assert.DoesNotContain(records, r => r.Result == "success" && r.EventType is "skill_install_decision" or "skill_scan");
        var refusal = Assert.Single(records, r => r.EventType == "skill_install_decision");
        Assert.Equal("blocked", refusal.Result);
        Assert.Equal("weather", refusal.DetailString("target"));
    }
}
