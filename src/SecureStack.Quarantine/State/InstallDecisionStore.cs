using Microsoft.Data.Sqlite;

namespace SecureStack.Quarantine.State;

/// <summary>The <c>install_decisions</c> table: how many times the install policy answered allow, warn and block.</summary>
internal static class InstallDecisionStore
{
    public static void Count(SqliteConnection c, string decision) =>
        Sql.Execute(c, "INSERT INTO install_decisions (decision, count) VALUES ($decision, 1) ON CONFLICT (decision) DO UPDATE SET count = count + 1",
            ("$decision", decision));

    public static IReadOnlyDictionary<string, long> Counts(SqliteConnection c)
    {
        using var command = Sql.Command(c, "SELECT decision, count FROM install_decisions");
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
