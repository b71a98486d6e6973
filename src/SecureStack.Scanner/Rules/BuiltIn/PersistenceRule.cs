using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Writes that outlive the skill (THREATS.md §1 family 8): agent memory files, crontab, launchd, systemd, shell
/// profiles, openclaw.json; and other writes outside the skill and workspace (FR-3 AC-3).
/// </summary>
internal sealed partial class PersistenceRule : ScanRule
{
    public static readonly RuleDescriptor Persistence = new(
        "SS-PERSISTENCE", "Persistence or memory poisoning", Severity.High,
        "Code writes to the agent's memory (SOUL.md, MEMORY.md, AGENTS.md), openclaw.json, crontab, launchd, systemd or shell profiles.");

    public static readonly RuleDescriptor OutsideWrite = new(
        "SS-FS-WRITE-OUTSIDE", "Write outside the skill and workspace", Severity.Medium,
        "Code writes to an absolute or home path outside the skill folder, the workspace and temporary directories.");

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Persistence, OutsideWrite];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (!unit.IsCode)
        {
            return;
        }
        var offset = 0;
        foreach (var rawLine in unit.Text.Split('\n'))
        {
            var line = rawLine.Length > 4000 ? rawLine[..4000] : rawLine;
            var write = Indicators.FileWrite().Match(line);
            if (write.Success)
            {
                var target = Indicators.PersistenceTarget().Match(line);
                if (target.Success)
                {
                    sink.Add(Persistence, unit, offset + target.Index, $"writes to {target.Value}");
                }
                else if (OutsideTarget(line) is (var index, var path))
                {
                    sink.Add(OutsideWrite, unit, offset + index, $"writes to {path}");
                }
            }
            offset += rawLine.Length + 1;
        }
    }

    /// <summary>The first write on the line whose target is an absolute or home path outside the allowed folders.</summary>
    private static (int Index, string Path)? OutsideTarget(string line)
    {
        foreach (Match match in WriteTarget().Matches(line))
        {
            var path = match.Groups["path"].Value.Trim('"', '\'', '`');
            if (HomeOrAbsolute().IsMatch(path) && !AllowedPrefix().IsMatch(path))
            {
                return (match.Index, path);
            }
        }
        return null;
    }

    // The target of a redirect, tee, writeFile/appendFile or open(), or the last argument of cp/mv (taken
    // atomically: a backtracking search for it was cubic on a line of spaces).
    [GeneratedRegex(@"(?:(?:^|(?<=[\s\d&]))>>?\s*|\btee\s+(-a\s+)?|writeFile(Sync)?\(\s*|appendFile(Sync)?\(\s*|open\(\s*)[""'`]?(?<path>(~|\$HOME|\$\{HOME\}|/)[^\s""'`;|&)]*)|\b(?:cp|mv)\s+[^\s;|&]+(?>(?:\s+(?<path>[^\s;|&]+))+)", RegexOptions.CultureInvariant)]
    private static partial Regex WriteTarget();

    [GeneratedRegex(@"^(~|\$HOME|\$\{HOME\}|/)", RegexOptions.CultureInvariant)]
    private static partial Regex HomeOrAbsolute();

    [GeneratedRegex(@"^((/var)?/tmp|/dev|(~|\$HOME|\$\{HOME\})/(\.openclaw/workspace|Downloads|Desktop|Documents|Pictures|Music|Movies))(/|$)|^/$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedPrefix();
}
