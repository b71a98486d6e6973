using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SecureStack.Quarantine.State;

/// <summary>The <c>move_intents</c> table: written (and committed) before a move, deleted with the state change that ends it.</summary>
internal static class MoveIntentStore
{
    public static long Add(SqliteConnection c, string source, string destination, QuarantineTicket? quarantine, RestoreTicket? restore, DateTimeOffset now)
    {
        var (kind, payload) = quarantine is not null
            ? ("quarantine", JsonSerializer.Serialize(quarantine, FindingsJson.Options))
            : ("restore", JsonSerializer.Serialize(restore!, FindingsJson.Options));
        Sql.Execute(c, """
            INSERT INTO move_intents (kind, source, destination, payload_json, created_at) VALUES ($kind, $source, $destination, $payload, $now)
            """, ("$kind", kind), ("$source", source), ("$destination", destination), ("$payload", payload), ("$now", SkillStore.Time(now)));
        return (long)Sql.Scalar(c, "SELECT last_insert_rowid()")!;
    }

    public static IReadOnlyList<MoveIntent> List(SqliteConnection c)
    {
        using var command = Sql.Command(c, "SELECT id, kind, source, destination, payload_json FROM move_intents ORDER BY id");
        using var reader = command.ExecuteReader();
        var intents = new List<MoveIntent>();
        while (reader.Read())
        {
            var payload = reader.GetString(4);
            intents.Add(reader.GetString(1) == "quarantine"
                ? new MoveIntent(reader.GetInt64(0), reader.GetString(2), reader.GetString(3), JsonSerializer.Deserialize<QuarantineTicket>(payload, FindingsJson.Options), null)
                : new MoveIntent(reader.GetInt64(0), reader.GetString(2), reader.GetString(3), null, JsonSerializer.Deserialize<RestoreTicket>(payload, FindingsJson.Options)));
        }

        return intents;
    }

    public static bool IsMoving(SqliteConnection c, string path) =>
        Sql.Scalar(c, "SELECT 1 FROM move_intents WHERE source = $p OR destination = $p", ("$p", path)) is not null;

    public static void Remove(SqliteConnection c, long id) => Sql.Execute(c, "DELETE FROM move_intents WHERE id = $id", ("$id", id));
}
