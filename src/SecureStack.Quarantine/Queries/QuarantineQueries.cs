using System.Globalization;
using Microsoft.Data.Sqlite;
using SecureStack.Quarantine.State;

namespace SecureStack.Quarantine.Queries;

/// <summary>Read-only questions about quarantine state: what is quarantined, a skill by id or name, a pin, install-policy answers.</summary>
internal sealed class QuarantineQueries(QuarantineDatabase database)
{
    public bool IsQuarantined(string skillName)
    {
        using var c = database.Connect();
        return SkillStore.FindByName(c, skillName).Any(r => r.Status == SkillStatus.Quarantined);
    }

    public IReadOnlyList<SkillRecord> List(SkillStatus? status = null)
    {
        using var c = database.Connect();
        return SkillStore.List(c, status);
    }

    public SkillRecord Find(string nameOrId, SkillStatus? status)
    {
        using var c = database.Connect();
        return Resolve(c, nameOrId, status);
    }

    public SkillPin? Pin(string name)
    {
        using var c = database.Connect();
        return PinStore.Find(c, name);
    }

    /// <summary>Install-policy answers so far, by decision word.</summary>
    public IReadOnlyDictionary<string, long> InstallDecisions()
    {
        using var c = database.Connect();
        return InstallDecisionStore.Counts(c);
    }

    private static SkillRecord Resolve(SqliteConnection c, string nameOrId, SkillStatus? status)
    {
        var text = nameOrId.TrimStart('#');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var byId = SkillStore.FindById(c, id);
            if (byId is not null && (status is null || byId.Status == status))
            {
                return byId;
            }
        }

        var rows = SkillStore.FindByName(c, nameOrId).Where(r => status is null || r.Status == status).ToList();
        var what = status is null ? "skill" : SkillStore.Word(status.Value) + " skill";
        return rows.Count switch
        {
            1 => rows[0],
            0 => throw new QuarantineException($"no {what} named \"{nameOrId}\"; see `securestack quarantine list`", notFound: true),
            _ => throw new QuarantineException(
                $"\"{nameOrId}\" names {rows.Count} {what}s: {string.Join(", ", rows.Select(r => $"#{r.Id} ({r.Path})"))}; give the id instead",
                notFound: true),
        };
    }
}
