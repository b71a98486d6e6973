using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Download-and-execute in two steps (THREATS.md §1 family 2): <c>curl -o f URL; bash f</c>, <c>wget -O f URL &amp;&amp; sh f</c>,
/// <c>curl -o f URL &amp;&amp; chmod +x f &amp;&amp; ./f</c>, <c>iwr URL -OutFile f; Start-Process f</c>. Whatever the server returns
/// runs, exactly as with <c>curl | sh</c>, so it is as serious. Linear: a bounded number of saved names, each looked up
/// with one forward search.
/// </summary>
internal sealed partial class DownloadThenRunRule : ScanRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-DOWNLOAD-THEN-RUN", "Downloaded file is run", Severity.Critical,
        "A file is downloaded (curl -o, wget -O, Invoke-WebRequest -OutFile) and then run (sh f, ./f, Start-Process f): download-and-execute in two steps.");

    private const int MaxDownloads = 32;
    private const int MaxOccurrences = 64;

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Descriptor];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Language is not (SourceLanguage.Bash or SourceLanguage.Text or SourceLanguage.Markdown))
        {
            return;
        }
        var text = unit.Text;
        var downloads = 0;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match download in Download().Matches(text))
        {
            if (++downloads > MaxDownloads)
            {
                break;
            }
            var tool = download.Groups["tool"].Success ? download.Groups["tool"].Value.ToLowerInvariant()
                : download.Groups["iwr"].Success ? "powershell" : "webclient";
            var saved = SavedName(tool, download.Value);
            if (saved is null || saved.Length < 2 || reported.Contains(saved))
            {
                continue;
            }
            var run = FindRun(text, download.Index + download.Length, saved);
            if (run < 0)
            {
                continue;
            }
            reported.Add(saved);
            var (line, _) = unit.PositionOf(download.Index);
            sink.Add(Descriptor, unit, run, $"downloads {saved} (line {line}) and then runs it: as dangerous as piping the download into a shell");
        }
    }

    /// <summary>The file a download command writes, or null when it writes to standard output.</summary>
    private static string? SavedName(string tool, string command)
    {
        var tokens = Tokens().Matches(command).Select(m => m.Value).ToList();
        string? url = null;
        var remoteName = tool is "wget";
        for (var i = 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            if (token.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || token.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || token.StartsWith("\"http", StringComparison.OrdinalIgnoreCase) || token.StartsWith("'http", StringComparison.OrdinalIgnoreCase))
            {
                url = token;
                continue;
            }
            switch (tool)
            {
                case "curl" when token is "-o" or "--output" || CurlOutputCluster().IsMatch(token):
                    return Normalize(next);
                case "curl" when token.StartsWith("--output=", StringComparison.Ordinal):
                    return Normalize(token["--output=".Length..]);
                case "curl" when token is "--remote-name" || CurlRemoteCluster().IsMatch(token):
                    remoteName = true;
                    break;
                case "wget" when WgetOutputCluster().Match(token) is { Success: true } flag:
                    var attached = flag.Groups["file"].Value;
                    return attached.Length > 0 ? Normalize(attached) : Normalize(next);
                case "wget" when token.StartsWith("--output-document=", StringComparison.Ordinal):
                    return Normalize(token["--output-document=".Length..]);
                case "wget" when token is "--output-document":
                    return Normalize(next);
                case "powershell" when token.Equals("-OutFile", StringComparison.OrdinalIgnoreCase):
                    return Normalize(next);
                default:
                    break;
            }
        }
        if (tool == "webclient")
        {
            var target = WebClientTarget().Match(command);
            return target.Success ? Normalize(target.Groups["file"].Value) : null;
        }
        if (!remoteName || url is null)
        {
            return null;
        }
        var path = url.Trim('"', '\'').Split('?', '#')[0];
        var slash = path.LastIndexOf('/');
        return slash < 0 || slash == path.Length - 1 || path[..slash].EndsWith('/') ? null : Normalize(path[(slash + 1)..]);
    }

    private static string? Normalize(string? token)
    {
        if (token is null)
        {
            return null;
        }
        var name = token.Trim().Trim('"', '\'', '`', ')', ';');
        if (name.StartsWith("${", StringComparison.Ordinal) && name.EndsWith('}'))
        {
            name = "$" + name[2..^1];
        }
        if (name.StartsWith("./", StringComparison.Ordinal) || name.StartsWith(".\\", StringComparison.Ordinal))
        {
            name = name[2..];
        }
        return name is "-" or "/dev/null" or "/dev/stdout" || name.StartsWith('-') ? null : name;
    }

    /// <summary>Index of the first place after <paramref name="from"/> where the saved file is run, or -1.</summary>
    private static int FindRun(string text, int from, string saved)
    {
        var looksLikePath = saved.Contains('/') || saved.Contains('\\') || saved.StartsWith('$') || saved.StartsWith('~');
        var occurrences = 0;
        for (var at = text.IndexOf(saved, from, StringComparison.Ordinal); at >= 0 && occurrences++ < MaxOccurrences;
             at = text.IndexOf(saved, at + saved.Length, StringComparison.Ordinal))
        {
            var end = at + saved.Length;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '.' or '-' or '/'))
            {
                continue;
            }
            var start = at;
            var dotSlash = false;
            if (start >= 2 && (text.AsSpan(start - 2, 2).SequenceEqual("./") || text.AsSpan(start - 2, 2).SequenceEqual(".\\")))
            {
                start -= 2;
                dotSlash = true;
            }
            if (start > 0 && text[start - 1] is '"' or '\'')
            {
                start--;
            }
            if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '.' or '-' or '/' or '$'))
            {
                continue;
            }
            var prefix = CommandPrefix(text, start);
            if (Interpreter().IsMatch(prefix) || (prefix.Length == 0 && (looksLikePath || dotSlash)))
            {
                return at;
            }
        }
        return -1;
    }

    /// <summary>The words of the current command before <paramref name="index"/>: back to a newline or a shell separator.</summary>
    private static string CommandPrefix(string text, int index)
    {
        var start = index;
        while (start > 0 && index - start < 200)
        {
            var c = text[start - 1];
            if (c is '\n' or ';' or '|' or '(' or '`' or '{')
            {
                break;
            }
            if (c == '&' && start >= 2 && text[start - 2] == '&')
            {
                break;
            }
            start--;
        }
        return text[start..index].Trim();
    }

    [GeneratedRegex(@"(?<![\w-])(?:(?<tool>curl|wget)\b(?:[^\n;&|]|&(?![&>]))*|(?<iwr>Invoke-WebRequest|iwr)\b[^\n;|]*|(?<webclient>\.DownloadFile)\s*\([^\n)]*\))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Download();

    [GeneratedRegex(@"""[^""\n]*""|'[^'\n]*'|\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^-[a-zA-Z]*o$", RegexOptions.CultureInvariant)]
    private static partial Regex CurlOutputCluster();

    [GeneratedRegex(@"^-[a-zA-Z]*O[a-zA-Z]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CurlRemoteCluster();

    [GeneratedRegex(@"^-[a-zA-Z]*O(?<file>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex WgetOutputCluster();

    [GeneratedRegex(@",\s*(?<file>[^\s,)]+)\s*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WebClientTarget();

    [GeneratedRegex(@"^(?:(?:sudo|exec|nohup|time|command)\s+(?:-\S+\s+)*)*(?:\S*/)?(?:(?:ba|z|da|k)?sh|source|\.|python[\d.]*|perl|ruby|node|php|pwsh|powershell(?:\.exe)?|osascript|Start-Process|Invoke-Item|open|&)(?:\s+-\S+)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Interpreter();
}
