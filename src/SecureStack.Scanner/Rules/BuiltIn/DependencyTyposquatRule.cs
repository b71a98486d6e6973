using System.Text.Json;
using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Dependencies named like a popular package but not it (issue 15: typosquatted dependency): in requirements*.txt,
/// package.json and pip/npm/yarn/pnpm/bun/uv install lines of any file, SKILL.md included. A name one edit
/// (two, for names of ten letters or more) from a popular one, or a known published typosquat, is reported.
/// </summary>
internal sealed partial class DependencyTyposquatRule : ScanRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-DEP-TYPOSQUAT", "Typosquatted dependency", Severity.Critical,
        "A dependency or install command names a package one or two letters away from a popular package, or a known typosquat: installing it runs the imitator's code.");

    // Words an install line in prose continues with ("pip install the Python dependencies").
    private static readonly HashSet<string> NotPackages = new(StringComparer.Ordinal) { "python", "python3", "nodejs", "packages", "package", "dependencies", "requirements" };

    private enum Ecosystem
    {
        PyPi,
        Npm,
    }

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Descriptor];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        var name = Path.GetFileName(unit.File);
        if (unit.Origin == UnitOrigin.File && RequirementsFile().IsMatch(name))
        {
            foreach (Match m in RequirementLine().Matches(unit.Text))
            {
                Report(unit, sink, m.Groups["name"].Value, Ecosystem.PyPi, m.Groups["name"].Index);
            }
            return;
        }
        if (unit.Origin == UnitOrigin.File && name == "package.json")
        {
            foreach (var (dependency, index) in PackageDependencies(unit.Text))
            {
                Report(unit, sink, dependency, Ecosystem.Npm, index);
            }
            return;
        }
        foreach (Match command in InstallCommand().Matches(unit.Text))
        {
            var ecosystem = command.Groups["tool"].Value.ToLowerInvariant() is "npm" or "pnpm" or "yarn" or "bun" ? Ecosystem.Npm : Ecosystem.PyPi;
            foreach (Capture argument in command.Groups["arg"].Captures)
            {
                Report(unit, sink, argument.Value, ecosystem, argument.Index);
            }
        }
    }

    private static void Report(CodeUnit unit, FindingSink sink, string raw, Ecosystem ecosystem, int index)
    {
        if (Imitates(raw, ecosystem) is { } why)
        {
            sink.Add(Descriptor, unit, index, $"installs {why}");
        }
    }

    /// <summary>What the name imitates, or null when it is popular itself, unrelated, or not a plain package name.</summary>
    private static string? Imitates(string raw, Ecosystem ecosystem)
    {
        var name = PackageName(raw, ecosystem);
        if (name is null)
        {
            return null;
        }
        var (popular, known) = ecosystem == Ecosystem.PyPi
            ? (PopularPackages.PyPi, PopularPackages.KnownPyPiTyposquats)
            : (PopularPackages.Npm, PopularPackages.KnownNpmTyposquats);
        if (known.TryGetValue(name, out var target))
        {
            return $"\"{name}\", a known typosquat of \"{target}\"";
        }
        if (popular.Contains(name) || name.Length < 5 || NotPackages.Contains(name))
        {
            return null;
        }
        foreach (var candidate in popular)
        {
            // Short names have many real neighbours (scipy/scapy, mock/moto); only longer ones are compared.
            var allowed = candidate.Length >= 10 ? 2 : candidate.Length >= 6 ? 1 : 0;
            if (allowed > 0 && EditDistance.Between(name, candidate, allowed, transpositions: true) is var distance && distance <= allowed)
            {
                return $"\"{name}\", {distance} edit(s) from the popular \"{candidate}\"";
            }
        }
        return null;
    }

    /// <summary>The bare, normalised package name of an argument (versions, extras and markers removed), or null for paths, URLs and flags.</summary>
    private static string? PackageName(string raw, Ecosystem ecosystem)
    {
        var text = raw.Trim().Trim('"', '\'', '`');
        if (text.Length == 0 || text.StartsWith('-') || text.Contains("://", StringComparison.Ordinal) || text.StartsWith('.') || text.StartsWith('/') || text.StartsWith('~')
            || text.Contains('$') || text.Contains('{') || text.Contains('<'))
        {
            return null;
        }
        if (ecosystem == Ecosystem.Npm)
        {
            // npm: name@version, @scope/name@version; git and file specs are not names.
            var at = text.IndexOf('@', 1);
            var bare = at > 0 ? text[..at] : text;
            return NpmName().IsMatch(bare) ? bare.ToLowerInvariant() : null;
        }
        var match = PyPiName().Match(text);
        return match.Success ? match.Value.ToLowerInvariant().Replace('_', '-').Replace('.', '-') : null;
    }

    private static IEnumerable<(string Name, int Index)> PackageDependencies(string text)
    {
        var names = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }
            foreach (var section in (string[])["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"])
            {
                if (document.RootElement.TryGetProperty(section, out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
                {
                    names.AddRange(dependencies.EnumerateObject().Select(p => p.Name));
                }
            }
        }
        catch (JsonException)
        {
            // Invalid package.json: npm refuses it too, so nothing installs.
            return [];
        }
        return names.Select(n => (n, Math.Max(0, text.IndexOf("\"" + n + "\"", StringComparison.Ordinal) + 1)));
    }

    [GeneratedRegex(@"^requirements([-_.][\w.-]+)?\.(txt|in)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RequirementsFile();

    [GeneratedRegex(@"^[ \t]*(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex RequirementLine();

    // pip/pip3/python -m pip/uv pip/uv add/pipx/poetry add and npm/pnpm/yarn/bun add|install|i, then the arguments on the line.
    [GeneratedRegex(@"(?<![\w.-])(?<tool>pip3?|python3?\s+-m\s+pip|uv\s+pip|uv|pipx|poetry|npm|pnpm|yarn|bun)\s+(install|add|i)\b(?:[ \t]+(?:(?:-r|-c|-e|--requirement|--constraint|--index-url|-i|--extra-index-url|--target|-t|--prefix)[ \t]+\S+|[""']?(?<arg>[^\s;&|`#)""',\]}]+)[""']?))*", RegexOptions.CultureInvariant)]
    private static partial Regex InstallCommand();

    [GeneratedRegex(@"^(@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NpmName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*(?=$|[\[=<>!~;@ ])", RegexOptions.CultureInvariant)]
    private static partial Regex PyPiName();
}
