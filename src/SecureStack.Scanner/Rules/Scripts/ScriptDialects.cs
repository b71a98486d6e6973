using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.Scripts;

/// <summary>Which interpreter runs a text file: its extension, its shebang, or the command SKILL.md runs it with.</summary>
internal static partial class ScriptDialects
{
    public static ScriptDialect Of(CodeUnit unit, SkillContext skill)
    {
        if (unit.Origin != UnitOrigin.File)
        {
            return ScriptDialect.None;
        }
        var byName = Path.GetExtension(unit.File).ToLowerInvariant() switch
        {
            ".pl" or ".pm" or ".cgi" => ScriptDialect.Perl,
            ".rb" or ".rake" or ".gemspec" => ScriptDialect.Ruby,
            ".php" or ".phtml" or ".php5" or ".php7" => ScriptDialect.Php,
            ".ps1" or ".psm1" or ".psd1" => ScriptDialect.PowerShell,
            ".applescript" or ".scpt" or ".jxa" => ScriptDialect.AppleScript,
            _ => ScriptDialect.None,
        };
        if (byName != ScriptDialect.None)
        {
            return byName;
        }
        if (skill.Interpreters.TryGetValue(unit.File, out var interpreter) && OfInterpreter(interpreter) is var run and not ScriptDialect.None)
        {
            return run;
        }
        var shebang = Shebang().Match(unit.Text);
        if (shebang.Success)
        {
            return OfInterpreter(shebang.Groups["interpreter"].Value);
        }
        return unit.Text.StartsWith("<?php", StringComparison.Ordinal) ? ScriptDialect.Php : ScriptDialect.None;
    }

    /// <summary>The dialect an interpreter command runs (<c>perl</c>, <c>/usr/bin/ruby</c>, <c>pwsh</c>, <c>osascript</c>).</summary>
    public static ScriptDialect OfInterpreter(string command) => Path.GetFileName(command).ToLowerInvariant() switch
    {
        var c when c.StartsWith("perl", StringComparison.Ordinal) => ScriptDialect.Perl,
        var c when c.StartsWith("ruby", StringComparison.Ordinal) => ScriptDialect.Ruby,
        var c when c.StartsWith("php", StringComparison.Ordinal) => ScriptDialect.Php,
        "pwsh" or "pwsh.exe" or "powershell" or "powershell.exe" => ScriptDialect.PowerShell,
        "osascript" => ScriptDialect.AppleScript,
        _ => ScriptDialect.None,
    };

    [GeneratedRegex(@"\A#!\s*(?:/usr)?(?:/local)?/bin/(?:env\s+(?:-\S+\s+)*)?(?<interpreter>[\w.-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Shebang();
}
