using System.Globalization;
using System.Text;
using SecureStack.Quarantine.Moves;
using SecureStack.Quarantine.State;

namespace SecureStack.Quarantine;

/// <summary>Writes <c>QUARANTINED.md</c> beside the quarantined folder: why, with rule, file and line for every finding.</summary>
internal static class QuarantineNotice
{
    public const string FileName = "QUARANTINED.md";

    public static string Render(QuarantineTicket ticket, DateTimeOffset at)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"# Quarantined: {ticket.Name}\n\n");
        text.Append(inv, $"SecureStack moved this skill out of OpenClaw's skill directories on {at.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC.\n\n");
        text.Append(inv, $"- Original location: `{ticket.OriginalPath}`\n");
        text.Append(inv, $"- Quarantined copy: `{ticket.QuarantinePath}`\n");
        text.Append(inv, $"- Checksum (SHA-256 of the skill manifest): `{ticket.Checksum}`\n");
        text.Append(inv, $"- Trust score: {(ticket.TrustScore is { } t ? t.ToString(inv) : "unknown")}\n");
        text.Append(inv, $"- Reason: {ticket.Reason}\n\n");
        text.Append("## Findings\n\n");
        if (ticket.Findings.Count == 0)
        {
            text.Append("None recorded.\n");
        }
        else
        {
            text.Append("| Severity | Rule | File | Line | Why |\n|---|---|---|---|---|\n");
            foreach (var f in ticket.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line))
            {
                text.Append(inv, $"| {f.Severity.ToString().ToLowerInvariant()} | {Cell(f.RuleId)} ({Cell(f.RuleName)}) | {Cell(f.File)} | {f.Line} | {Cell(f.Message)} |\n");
            }
        }

        text.Append(inv, $"\n## What to do\n\n");
        text.Append(inv, $"- Review: `securestack quarantine show {ticket.Name}`\n");
        text.Append(inv, $"- After fixing the skill here: `securestack quarantine rescan {ticket.Name}` (a clean scan puts it back)\n");
        text.Append(inv, $"- To run it anyway, at your own risk: `securestack quarantine override {ticket.Name} --force-allow`\n");
        return text.ToString();
    }

    /// <summary>Written to a temporary name, synced and renamed, so a crash never leaves half a notice.</summary>
    public static void Write(QuarantineTicket ticket, DateTimeOffset at)
    {
        var path = Path.Combine(ticket.EntryDirectory, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(Encoding.UTF8.GetBytes(Render(ticket, at)));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        NativeMethods.FsyncDirectory(ticket.EntryDirectory);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
