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
                else if (WriteTarget().Matches(line).FirstOrDefault(m => IsOutside(m.Groups["path"].Value)) is { } outside)
                {
                    sink.Add(OutsideWrite, unit, offset + outside.Index, $"writes to {outside.Groups["path"].Value}");
                }
            }
            offset += rawLine.Length + 1;
        }
    }

    private static bool IsOutside(string path) =>
        !AllowedPrefix().IsMatch(path);

    // The destination of a redirect, tee, writeFile/appendFile or open(), or the last argument of cp/mv.
    [GeneratedRegex(@"(?:(?:^|(?<=[\s\d&]))>>?\s*|\btee\s+(-a\s+)?|writeFile(Sync)?\(\s*|appendFile(Sync)?\(\s*|open\(\s*)[""'`]?(?<path>(~|\$HOME|\$\{HOME\}|/)[^\s""'`;|&)]*)|\b(cp|mv)\s+[^\n;|&]*\s[""'`]?(?<path>(~|\$HOME|\$\{HOME\}|/)[^\s""'`;|&)]*)[""'`]?\s*(?=$|[;|&)])", RegexOptions.CultureInvariant)]
    private static partial Regex WriteTarget();

    [GeneratedRegex(@"^((/var)?/tmp|/dev|(~|\$HOME|\$\{HOME\})/(\.openclaw/workspace|Downloads|Desktop|Documents|Pictures|Music|Movies))(/|$)|^/$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedPrefix();
}
