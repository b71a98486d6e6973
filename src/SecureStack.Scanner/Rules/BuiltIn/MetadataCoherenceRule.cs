using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Does the frontmatter tell the truth (THREATS.md §1 family 10): env vars and binaries used but not declared,
/// <c>always: true</c>, downloads without sha256, names that imitate bundled skills.
/// </summary>
internal sealed partial class MetadataCoherenceRule : ScanRule
{
    public static readonly RuleDescriptor UndeclaredEnv = new(
        "SS-META-UNDECLARED-ENV", "Undeclared environment variable", Severity.Medium,
        "Code reads an environment variable that requires.env does not declare; a secret read this way is hidden from the user.");

    public static readonly RuleDescriptor UndeclaredBin = new(
        "SS-META-UNDECLARED-BIN", "Undeclared binary", Severity.Low,
        "Code runs a program that requires.bins does not declare.");

    public static readonly RuleDescriptor Always = new(
        "SS-META-ALWAYS", "Always-on skill", Severity.Medium,
        "always: true loads the skill into every conversation, whatever the user asks.");

    public static readonly RuleDescriptor UnpinnedDownload = new(
        "SS-META-UNPINNED-DOWNLOAD", "Install download without sha256", Severity.High,
        "An install[] download has no sha256 or uses plain http or a raw IP, so what gets installed can change at any time.");

    public static readonly RuleDescriptor Typosquat = new(
        "SS-META-TYPOSQUAT", "Name imitates a known skill", Severity.High,
        "The skill's name is one or two edits away from a skill bundled with OpenClaw or from ClawHub's own tools.");

    public static readonly RuleDescriptor NameMismatch = new(
        "SS-META-NAME-MISMATCH", "Name differs from folder", Severity.Low,
        "The frontmatter name differs from the folder name.");

    public static readonly RuleDescriptor Invalid = new(
        "SS-META-INVALID", "Invalid or missing frontmatter", Severity.Medium,
        "SKILL.md has no frontmatter or it is not valid YAML, so nothing the skill needs is declared.");

    // The skills bundled with openclaw 2026.9.6 plus ClawHub's CLI: names attackers imitate.
    private static readonly string[] KnownNames =
    [
        "1password", "apple-notes", "apple-reminders", "bear-notes", "blogwatcher", "blucli", "camsnap", "clawhub",
        "coding-agent", "control-ui", "diagram-maker", "eightctl", "gemini", "gh-issues", "gifgrep", "github", "gog",
        "goplaces", "healthcheck", "himalaya", "mcporter", "meme-maker", "model-usage", "nano-pdf", "node-connect",
        "node-inspect-debugger", "notion", "obsidian", "openai-whisper", "openai-whisper-api", "openhue", "oracle",
        "ordercli", "peekaboo", "python-debugpy", "sag", "sherpa-onnx-tts", "skill-creator", "songsee", "sonoscli",
        "spike", "spotify-player", "summarize", "taskflow", "taskflow-inbox-triage", "things-mac", "tmux", "trello",
        "visualize", "weather", "xurl", "openclaw",
    ];

    private static readonly HashSet<string> CommonEnv = new(StringComparer.Ordinal)
    {
        "HOME", "PATH", "USER", "PWD", "SHELL", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "TERM", "EDITOR", "PAGER",
        "HOSTNAME", "OLDPWD", "IFS", "OSTYPE", "UID", "EUID", "CI", "DEBUG", "NODE_ENV", "LOGNAME", "DISPLAY", "VISUAL",
        "BASH_SOURCE", "FUNCNAME", "LINENO", "RANDOM", "SECONDS", "PPID", "BASHPID", "COLUMNS", "LINES", "NO_COLOR",
    };

    private static readonly HashSet<string> CommonBins = new(StringComparer.Ordinal)
    {
        "cd", "echo", "printf", "export", "source", ".", "set", "unset", "test", "[", "[[", "read", "exit", "return",
        "local", "declare", "eval", "exec", "shift", "trap", "true", "false", "wait", "kill", "cat", "ls", "cp", "mv",
        "rm", "mkdir", "rmdir", "touch", "chmod", "chown", "ln", "head", "tail", "grep", "sed", "awk", "cut", "sort",
        "uniq", "wc", "tr", "find", "xargs", "tee", "date", "sleep", "env", "which", "command", "type", "basename",
        "dirname", "pwd", "whoami", "uname", "id", "stat", "du", "df", "ps", "file", "realpath", "readlink", "mktemp",
        "diff", "tar", "gzip", "gunzip", "unzip", "zip", "base64", "sh", "bash", "zsh", "python", "python3", "node",
        "npm", "npx", "pip", "pip3", "curl", "wget", "git", "open", "jq", "less", "more", "time", "seq", "yes",
        "printenv", "sudo", "nohup", "timeout", "tput", "clear", "history", "alias", "brew", "uv", "go", "cargo",
        "pnpm", "yarn", "bun", "deno", "make", "md5sum", "shasum", "sha256sum", "openssl", "ssh", "scp", "rsync",
        "osascript", "defaults", "pbcopy", "pbpaste", "xdg-open", "say", "afplay", "ffmpeg", "apt", "apt-get",
    };

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } =
        [UndeclaredEnv, UndeclaredBin, Always, UnpinnedDownload, Typosquat, NameMismatch, Invalid];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (!unit.IsCode || unit.Origin == UnitOrigin.Decoded)
        {
            return;
        }
        var assigned = new HashSet<string>(Assignment().Matches(unit.Text).Select(m => m.Groups["name"].Value), StringComparer.Ordinal);
        var regex = unit.Language == SourceLanguage.Bash ? BashVariable() : CodeVariable();
        foreach (Match match in regex.Matches(unit.Text))
        {
            var name = match.Groups.Values.Skip(1).First(g => g.Success).Value;
            if (!CommonEnv.Contains(name) && !assigned.Contains(name) && !name.StartsWith("OPENCLAW_", StringComparison.Ordinal) && !name.StartsWith("XDG_", StringComparison.Ordinal))
            {
                var (line, _) = unit.PositionOf(match.Index);
                skill.EnvironmentVariables.TryAdd(name, new Evidence(unit.File, line, match.Value));
            }
        }
        if (unit.Tree is not null && unit.Language == SourceLanguage.Bash)
        {
            // A call to a function the script defines (possibly further down) runs no program.
            var functions = new HashSet<string>(StringComparer.Ordinal);
            var commands = new List<(string Name, Evidence Evidence)>();
            using var cursor = unit.Tree.Root.Walk();
            foreach (var node in cursor.DescendantsAndSelf())
            {
                if (node.Type == "function_definition" && node.ChildByField("name") is { IsNull: false } function)
                {
                    functions.Add(function.Text);
                }
                else if (node.Type == "command_name")
                {
                    var name = Path.GetFileName(node.Text);
                    if (name.Length > 0 && char.IsAsciiLetter(name[0]) && !CommonBins.Contains(name) && !name.Contains('$'))
                    {
                        var (line, _) = unit.PositionOf(node);
                        commands.Add((name, new Evidence(unit.File, line, node.Text)));
                    }
                }
            }
            foreach (var (name, evidence) in commands.Where(c => !functions.Contains(c.Name)))
            {
                skill.Binaries.TryAdd(name, evidence);
            }
        }
    }

    public override void DetectSkill(SkillContext skill, FindingSink sink)
    {
        var front = skill.Frontmatter;
        if (front is null)
        {
            return;
        }
        var sendsData = !skill.NetworkSends.IsEmpty;
        foreach (var (name, evidence) in skill.EnvironmentVariables.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!front.RequiredEnv.Contains(name))
            {
                var secret = SecretName().IsMatch(name);
                sink.Add(UndeclaredEnv, evidence.File, evidence.Line, evidence.What,
                    secret && sendsData ? $"reads secret-like {name}, not declared in requires.env, in a skill that sends data out" : $"reads {name}, not declared in requires.env",
                    secret && sendsData ? Severity.High : Severity.Medium);
            }
        }
        foreach (var (name, evidence) in skill.Binaries.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!front.RequiredBins.Contains(name))
            {
                sink.Add(UndeclaredBin, evidence.File, evidence.Line, evidence.What, $"runs {name}, not declared in requires.bins");
            }
        }
        if (front.Always)
        {
            sink.Add(Always, "SKILL.md", front.Line, "always: true", "always: true puts this skill into every prompt");
        }
        foreach (var install in front.Installs.Where(i => i.Kind == "download"))
        {
            if (string.IsNullOrWhiteSpace(install.Sha256))
            {
                sink.Add(UnpinnedDownload, "SKILL.md", front.Line, install.Url ?? "download", $"download of {install.Url} has no sha256");
            }
            else if (install.Url is { } url && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Network.UrlFinder.Find(url).Any(u => Network.UrlFinder.IsPublicIp(u.Host))))
            {
                sink.Add(UnpinnedDownload, "SKILL.md", front.Line, url, $"download of {url} uses plain http or a raw IP");
            }
        }
        var skillName = front.Name ?? skill.Name;
        if (ImitatedName(skillName) is { } original)
        {
            sink.Add(Typosquat, "SKILL.md", front.Line, $"name: {skillName}", $"\"{skillName}\" imitates \"{original}\"");
        }
        // The root, not the scanned name: scanning skill/SKILL.md alone names the skill after the file.
        var folder = Path.GetFileName(skill.Root.TrimEnd('/'));
        if (front.Name is { } declared && !string.Equals(declared, folder, StringComparison.Ordinal))
        {
            sink.Add(NameMismatch, "SKILL.md", front.Line, $"name: {declared}", $"frontmatter name \"{declared}\" differs from folder \"{folder}\"");
        }
    }

    internal static string? ImitatedName(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var known in KnownNames)
        {
            if (lower == known)
            {
                return null;
            }
        }
        foreach (var known in KnownNames)
        {
            if (known.Length < 5)
            {
                continue;
            }
            var distance = EditDistance.Between(lower, known, limit: 2, transpositions: false);
            if (distance <= (known.Length >= 8 ? 2 : 1))
            {
                return known;
            }
            // Clones named <real-skill>-<random> or <real-skill><digits>.
            if (lower.StartsWith(known, StringComparison.Ordinal) && CloneSuffix().IsMatch(lower[known.Length..]))
            {
                return known;
            }
        }
        return null;
    }

    [GeneratedRegex(@"^(-?[0-9]+|-[a-z0-9]{0,3}[0-9][a-z0-9]{0,5}|-(official|pro|free|new|v[0-9]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex CloneSuffix();

    [GeneratedRegex(@"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|SESSION|COOKIE|AUTH", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[\s*['""]([A-Z_][A-Z0-9_]*)['""]|os\.environ(?:\.get)?\s*[\[(]\s*['""]([A-Z_][A-Z0-9_]*)|os\.getenv\(\s*['""]([A-Z_][A-Z0-9_]*)|Deno\.env\.get\(\s*['""]([A-Z_][A-Z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex CodeVariable();

    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9_]{2,})\b", RegexOptions.CultureInvariant)]
    private static partial Regex BashVariable();

    [GeneratedRegex(@"(?:^|[\s;(])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)?|readonly\s+)?(?<name>[A-Z][A-Z0-9_]*)=|\bfor\s+(?<name>[A-Z][A-Z0-9_]*)\s+in\b|\bread\s+(?:-\w+\s+)*(?<name>[A-Z][A-Z0-9_]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();
}
