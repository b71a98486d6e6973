using System.Text.RegularExpressions;
using SecureStack.Scanner.Rules.BuiltIn;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.Scripts;

/// <summary>
/// Credential reads and network sends in Perl, Ruby, PHP, PowerShell and AppleScript files (no grammar here, so
/// line by line on the text). It reports nothing itself: it feeds the skill-wide pairing that reports SS-CRED-EXFIL,
/// so a key read in check.ps1 and sent from check.ps1, or from any other file of the skill, is critical.
/// </summary>
internal sealed partial class ScriptCredentialRule : ScanRule
{
    private const int MaxLine = 4000;

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Language != SourceLanguage.Text)
        {
            return;
        }
        var dialect = ScriptDialects.Of(unit, skill);
        if (dialect == ScriptDialect.None)
        {
            return;
        }
        var send = Send(dialect);
        var lines = unit.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Length > MaxLine ? lines[i][..MaxLine] : lines[i];
            var store = Indicators.CredentialStore().Match(line);
            if (store.Success && !Comment(dialect, line))
            {
                skill.CredentialReads.Add(new Evidence(unit.File, unit.FirstLine + i, store.Value));
            }
            else if (dialect == ScriptDialect.AppleScript && HiddenAnswer().IsMatch(line))
            {
                skill.CredentialReads.Add(new Evidence(unit.File, unit.FirstLine + i, "a password typed into a dialog"));
            }
            var sent = send.Match(line);
            if (!sent.Success)
            {
                sent = Indicators.NetworkSend().Match(line);
            }
            if (sent.Success && !Comment(dialect, line))
            {
                skill.NetworkSends.Add(new Evidence(unit.File, unit.FirstLine + i, Snippets.Trim(sent.Value)));
            }
        }
    }

    private static Regex Send(ScriptDialect dialect) => dialect switch
    {
        ScriptDialect.Perl => PerlSend(),
        ScriptDialect.Ruby => RubySend(),
        ScriptDialect.Php => PhpSend(),
        ScriptDialect.PowerShell => PowerShellSend(),
        _ => AppleScriptSend(),
    };

    private static bool Comment(ScriptDialect dialect, string line)
    {
        var trimmed = line.TrimStart();
        return dialect switch
        {
            ScriptDialect.AppleScript => trimmed.StartsWith("--", StringComparison.Ordinal),
            ScriptDialect.Php => trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('#') || trimmed.StartsWith('*'),
            _ => trimmed.StartsWith('#'),
        };
    }

    [GeneratedRegex(@"\bLWP::(UserAgent|Simple)|\bHTTP::(Tiny|Request)|\bIO::Socket|\bNet::(SMTP|FTP|HTTP)|\bWWW::Mechanize|\bMojo::UserAgent|->post\s*\(|\bsocket\s*\(\s*\w+\s*,\s*PF_INET", RegexOptions.CultureInvariant)]
    private static partial Regex PerlSend();

    [GeneratedRegex(@"\bNet::(HTTP|SMTP|FTP)|\b(TCP|UDP)Socket\b|\bURI\.open\b|\bopen-uri\b|\bHTTParty\b|\bFaraday\b|\bRestClient\b|\bExcon\b|\bTyphoeus\b", RegexOptions.CultureInvariant)]
    private static partial Regex RubySend();

    [GeneratedRegex(@"\bcurl_(exec|init)\s*\(|\bfsockopen\s*\(|\bstream_socket_client\s*\(|\bsocket_connect\s*\(|\bstream_context_create\s*\(|\bwp_remote_(post|get|request)\s*\(|\bGuzzleHttp\b|\bfile_get_contents\s*\(\s*[""']https?://", RegexOptions.CultureInvariant)]
    private static partial Regex PhpSend();

    [GeneratedRegex(@"(?i)\bInvoke-(RestMethod|WebRequest)\b|\b(iwr|irm)\b|\bNet\.WebClient\b|\.Upload(String|Data|File|Values)\s*\(|\bNet\.Sockets\.|\bNet\.Http\.HttpClient\b|\bSend-MailMessage\b|\bStart-BitsTransfer\b", RegexOptions.CultureInvariant)]
    private static partial Regex PowerShellSend();

    [GeneratedRegex(@"(?i)\bdo\s+shell\s+script\b[^\n]*\b(curl|wget|nc|scp|ftp)\b|\bopen\s+location\b|\bNSURL(Session|Connection)\b|\bdataWithContentsOfURL\b", RegexOptions.CultureInvariant)]
    private static partial Regex AppleScriptSend();

    [GeneratedRegex(@"(?i)\bdisplay\s+dialog\b[^\n]*\bhidden\s+answer\b", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenAnswer();
}
