using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Correlation (THREATS.md §1 family 7): a read of a credential store anywhere in the skill combined with a
/// network send anywhere in the skill. The pair is critical; a read alone is worth a look.
/// </summary>
internal sealed class CredentialExfiltrationRule : ScanRule
{
    public static readonly RuleDescriptor Exfiltration = new(
        "SS-CRED-EXFIL", "Credential read with network send", Severity.Critical,
        "The skill reads credentials (OpenClaw config or .env, SSH or cloud keys, keychain, wallets) and also sends data over the network.");

    public static readonly RuleDescriptor Read = new(
        "SS-CRED-READ", "Credential store access", Severity.Medium,
        "The skill reads a credential store; harmless only if the data never leaves the machine.");

    private const int MaxReported = 3;

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Exfiltration, Read];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        var prose = unit.Language is SourceLanguage.Markdown;
        if (!prose && !unit.IsCode)
        {
            return;
        }
        // One pass over the whole text first: most units have neither, and per-line matching is the costly part.
        var mayRead = Indicators.CredentialStore().IsMatch(unit.Text) || unit.Text.Contains(".env", StringComparison.Ordinal) || Indicators.EnvironmentDump().IsMatch(unit.Text);
        var maySend = prose ? Indicators.ProseSend().IsMatch(unit.Text) : Indicators.NetworkSend().IsMatch(unit.Text);
        if (!mayRead && !maySend)
        {
            return;
        }
        var lines = unit.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 4000)
            {
                line = line[..4000];
            }
            var read = !mayRead ? null : prose ? ProseRead(line) : CodeRead(line);
            if (read is not null)
            {
                skill.CredentialReads.Add(new Evidence(unit.File, unit.FirstLine + i, read));
            }
            var send = !maySend ? Match.Empty : prose ? Indicators.ProseSend().Match(line) : Indicators.NetworkSend().Match(line);
            if (send.Success)
            {
                skill.NetworkSends.Add(new Evidence(unit.File, unit.FirstLine + i, Snippets.Trim(send.Value)));
            }
        }
    }

    public override void DetectSkill(SkillContext skill, FindingSink sink)
    {
        var reads = skill.CredentialReads.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
        if (reads.Count == 0)
        {
            return;
        }
        var send = skill.NetworkSends.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).FirstOrDefault();
        foreach (var read in reads.Take(MaxReported))
        {
            if (send is not null)
            {
                sink.Add(Exfiltration, read.File, read.Line, read.What, $"reads {read.What} and sends data out ({send.File}:{send.Line}: {send.What})");
            }
            else
            {
                sink.Add(Read, read.File, read.Line, read.What, $"reads {read.What}");
            }
        }
    }

    private static string? CodeRead(string line)
    {
        var store = Indicators.CredentialStore().Match(line);
        if (store.Success && !OnlyWritten(line, store))
        {
            return store.Value;
        }
        var dotenv = Indicators.DotEnvRead().Match(line);
        if (dotenv.Success)
        {
            return ".env file";
        }
        var dump = Indicators.EnvironmentDump().Match(line);
        return dump.Success ? "the whole environment" : null;
    }

    private static string? ProseRead(string line)
    {
        var store = Indicators.CredentialStore().Match(line);
        var verb = Indicators.ProseReadVerb().Match(line);
        if (store.Success && verb.Success)
        {
            return store.Value;
        }
        return verb.Success && line.Contains(".env", StringComparison.Ordinal) ? ".env file" : null;
    }

    /// <summary>Creating a key or fixing permissions names the path without reading it.</summary>
    private static bool OnlyWritten(string line, Match store) =>
        Regex.IsMatch(line, @"\b(mkdir|chmod|chown|ssh-keygen|touch)\b|>\s*[""']?[^\s]*$", RegexOptions.CultureInvariant)
        && !Regex.IsMatch(line, @"\b(cat|curl|scp|tar|zip|base64|readFile|open\()", RegexOptions.CultureInvariant);
}
