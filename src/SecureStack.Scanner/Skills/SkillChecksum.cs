using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecureStack.Scanner.Skills;

/// <summary>
/// SHA-256 over a canonical manifest of a skill folder: one line per entry in ordinal path order with its kind,
/// Unix mode, path, and the file's SHA-256 or the symlink's target (never followed). Renames, mode changes,
/// added or removed files and retargeted links all change it.
/// </summary>
public static class SkillChecksum
{
    private const string Header = "securestack-skill-manifest v1\n";

    /// <summary>The checksum of a skill folder, or of a single file.</summary>
    public static string Compute(string path)
    {
        if (File.Exists(path) && !Directory.Exists(path))
        {
            var info = new FileInfo(path);
            var single = new SkillEntry(info.Name, info.FullName, EntryKind.File, info.Length, info.UnixFileMode, null);
            return FromEntries([single], _ => HashFile(info.FullName));
        }
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"{path}: no such skill folder or file");
        }
        return FromEntries(SkillFiles.Enumerate(path), e => HashFile(e.FullPath));
    }

    internal static string FromEntries(IReadOnlyList<SkillEntry> entries, Func<SkillEntry, string> fileHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Header));
        foreach (var entry in entries)
        {
            if (IsOpenClawInstallRecord(entry))
            {
                continue;
            }

            var detail = entry.Kind switch
            {
                EntryKind.File => fileHash(entry),
                EntryKind.Symlink => Quote(entry.LinkTarget ?? string.Empty),
                _ => "-",
            };
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{KindCode(entry.Kind)} {Convert.ToString((int)entry.Mode, 8)} {Quote(entry.RelativePath)} {detail}\n");
            hash.AppendData(Encoding.UTF8.GetBytes(line));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// OpenClaw writes <c>.openclaw/source-origin.json</c> (where the skill came from, for updates) into every skill it
    /// installs, after the install policy pinned the staged copy, through a temp file beside it
    /// (<c>.fs-safe-&lt;uuid&gt;.tmp</c>, renamed into place): both are left out so the installed skill keeps the
    /// approved checksum at every moment of the install. Anything else under <c>.openclaw/</c> still counts.
    /// </summary>
    private static bool IsOpenClawInstallRecord(SkillEntry entry) => entry.RelativePath switch
    {
        ".openclaw" => entry.Kind == EntryKind.Directory,
        ".openclaw/source-origin.json" => entry.Kind == EntryKind.File,
        var path => entry.Kind == EntryKind.File && path.StartsWith(".openclaw/.fs-safe-", StringComparison.Ordinal)
            && path.EndsWith(".tmp", StringComparison.Ordinal) && path.IndexOf('/', ".openclaw/".Length) < 0,
    };

    internal static string HashFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable file still changes the checksum when it later becomes readable.
            return "unreadable";
        }
    }

    internal static string HashBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    private static char KindCode(EntryKind kind) => kind switch
    {
        EntryKind.File => 'f',
        EntryKind.Directory => 'd',
        EntryKind.Symlink => 'l',
        _ => 'o',
    };
}
