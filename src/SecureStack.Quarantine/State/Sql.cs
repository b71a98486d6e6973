using Microsoft.Data.Sqlite;

namespace SecureStack.Quarantine.State;

/// <summary>Small helpers over raw SQL; writers take the lock up front (BEGIN IMMEDIATE) so they never deadlock on upgrade.</summary>
internal static class Sql
{
    public static void Immediate(SqliteConnection connection, Action body)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            body();
            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    public static T Immediate<T>(SqliteConnection connection, Func<T> body)
    {
        var result = default(T)!;
        Immediate(connection, () => { result = body(); });
        return result;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
