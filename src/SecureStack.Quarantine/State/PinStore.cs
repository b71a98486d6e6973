using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SecureStack.Quarantine.State;

/// <summary>The <c>pins</c> table: the approved checksum per skill name.</summary>
internal static class PinStore
{
    public static void Pin(SqliteConnection c, SkillPin pin) =>
        Sql.Execute(c, """
            INSERT INTO pins (name, checksum, source, pinned_by, pinned_at) VALUES ($name, $checksum, $source, $by, $at)
            ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, source = excluded.source, pinned_by = excluded.pinned_by,
                pinned_at = excluded.pinned_at
            """,
            ("$name", pin.Name), ("$checksum", pin.Checksum), ("$source", pin.Source), ("$by", pin.PinnedBy), ("$at", SkillStore.Time(pin.PinnedAt)));

    public static SkillPin? Find(SqliteConnection c, string name)
    {
        using var command = Sql.Command(c, "SELECT name, checksum, source, pinned_by, pinned_at FROM pins WHERE name = $name", ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SkillPin(reader.GetString(0), reader.GetString(1), reader.GetString(2), Sql.NullableString(reader, 3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            : null;
    }

    public static bool Unpin(SqliteConnection c, string name) => Sql.Execute(c, "DELETE FROM pins WHERE name = $name", ("$name", name)) > 0;
}
