using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Python bytecode (.pyc) runs like source but no reviewer reads it. Shipped without its source it is suspicious on
/// its own; its names and strings feed the same capability rules as source (see <c>Bytecode/PythonBytecode</c>).
/// </summary>
internal sealed class PythonBytecodeRule : ScanRule
{
    public static readonly RuleDescriptor NoSource = new(
        "SS-PY-BYTECODE-NO-SOURCE", "Python bytecode without source", Severity.High,
        "The skill ships compiled Python (.pyc) without the .py it was built from: Python runs it, and nobody can review it.");

    public static readonly RuleDescriptor Unreadable = new(
        "SS-PY-BYTECODE-UNREADABLE", "Unreadable Python bytecode", Severity.High,
        "A file looks like Python bytecode but could not be read (damaged, an unknown version, or past a bound), so it was not scanned.");

    private const int MaxListed = 6;

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [NoSource, Unreadable];

    public override void DetectSkill(SkillContext skill, FindingSink sink)
    {
        foreach (var (file, module) in skill.Bytecode.OrderBy(b => b.File, StringComparer.Ordinal))
        {
            var source = SourceOf(file);
            if (skill.Files.ContainsKey(source))
            {
                continue;
            }
            var names = module.Code.SelectMany(c => c.Names).Distinct(StringComparer.Ordinal).Take(MaxListed * 2).ToList();
            var strings = module.Code.SelectMany(c => c.Strings).Where(s => s.Length is > 3 and < 120 && !s.Contains('\n')).Distinct(StringComparer.Ordinal).Take(MaxListed).ToList();
            sink.Add(NoSource, file, 1, Path.GetFileName(file),
                $"Python {module.Version} bytecode shipped without {source}: it uses {string.Join(", ", names)}; its strings include {string.Join(", ", strings.Select(s => $"\"{s}\""))}");
        }
    }

    /// <summary>The source a .pyc is compiled from: <c>a/__pycache__/m.cpython-311.pyc</c> and <c>a/m.pyc</c> both come from <c>a/m.py</c>.</summary>
    public static string SourceOf(string file)
    {
        var directory = file.Contains('/') ? file[..file.LastIndexOf('/')] : string.Empty;
        var name = file[(file.LastIndexOf('/') + 1)..];
        if (directory == "__pycache__" || directory.EndsWith("/__pycache__", StringComparison.Ordinal))
        {
            directory = directory.Length == "__pycache__".Length ? string.Empty : directory[..^"/__pycache__".Length];
        }
        var stem = name.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? name[..dot] : name;
        return directory.Length == 0 ? stem + ".py" : $"{directory}/{stem}.py";
    }
}
