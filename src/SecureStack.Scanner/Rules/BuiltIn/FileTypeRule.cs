using System.Buffers.Binary;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Files that are not text: executables, archives (password-protected ones above all, THREATS.md §1 family 4),
/// symlinks, and anything the scanner could not fully read (which fails closed).
/// </summary>
internal static class FileTypeRule
{
    public static readonly RuleDescriptor Executable = new(
        "SS-BINARY-EXECUTABLE", "Executable binary in skill", Severity.High,
        "The skill ships a compiled executable (ELF, Mach-O, PE) that no rule can read.");

    public static readonly RuleDescriptor Archive = new(
        "SS-ARCHIVE", "Archive in skill", Severity.Medium,
        "The skill ships an archive: zip, gzip and tar contents are scanned with the skill's files, other formats are not.");

    public static readonly RuleDescriptor EncryptedArchive = new(
        "SS-ARCHIVE-ENCRYPTED", "Password-protected archive", Severity.Critical,
        "The skill ships a password-protected archive: its contents are hidden from scanners on purpose.");

    public static readonly RuleDescriptor ArchivedExecutable = new(
        "SS-ARCHIVE-EXECUTABLE", "Executable inside archive", Severity.High,
        "An archive in the skill contains an installer or executable (.exe .msi .dmg .pkg .app .scr .bat).");

    public static readonly RuleDescriptor OtherBinary = new(
        "SS-BINARY-FILE", "Unrecognised binary file", Severity.Low,
        "The skill ships binary data of an unknown type.");

    public static readonly RuleDescriptor Symlink = new(
        "SS-SYMLINK", "Symbolic link", Severity.Medium,
        "The skill contains a symbolic link; it is recorded in the checksum and never followed.");

    public static readonly RuleDescriptor SymlinkEscape = new(
        "SS-SYMLINK-ESCAPE", "Symbolic link out of the skill", Severity.High,
        "A symbolic link points outside the skill folder (for example at credentials), which exposes that file to whoever reads the skill.");

    public static readonly RuleDescriptor Incomplete = new(
        "SS-SCAN-INCOMPLETE", "Skill not fully scanned", Severity.High,
        "Part of the skill could not be read or exceeded a limit; what was not scanned cannot be approved.");

    public static readonly RuleDescriptor PinMismatch = new(
        "SS-PIN-MISMATCH", "Pinned skill changed", Severity.Critical,
        "The skill's canonical checksum differs from the one it was pinned to when approved.");

    public static IReadOnlyList<RuleDescriptor> Descriptors { get; } =
        [Executable, Archive, EncryptedArchive, ArchivedExecutable, OtherBinary, Symlink, SymlinkEscape, Incomplete, PinMismatch];

    private static readonly string[] MediaExtensions =
        [".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".svgz", ".pdf", ".woff", ".woff2", ".ttf", ".otf", ".mp3", ".wav", ".ogg", ".m4a", ".mp4", ".webm", ".mov"];

    private static readonly string[] InstallerExtensions = [".exe", ".msi", ".dmg", ".pkg", ".app", ".scr", ".bat", ".cmd", ".ps1", ".vbs", ".jar", ".command"];

    /// <summary>True when the bytes look like text (no NUL in the first 8 KB, no binary magic).</summary>
    public static bool IsText(ReadOnlySpan<byte> bytes) =>
        !bytes[..Math.Min(bytes.Length, 8192)].Contains((byte)0) && Magic(bytes) is null;

    /// <summary>True when the bytes start like an executable or an archive.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) => Magic(bytes) is not null;

    public static void Inspect(string file, ReadOnlySpan<byte> bytes, FindingSink sink)
    {
        var magic = Magic(bytes);
        switch (magic)
        {
            case "ELF" or "Mach-O" or "PE":
                sink.Add(Executable, file, 1, magic, $"{magic} executable");
                return;
            case "zip":
                InspectZip(file, bytes, sink);
                return;
            case not null:
                var scanned = magic is "gzip" or "tar" ? "its files are scanned with the skill's" : "its contents are not scanned";
                sink.Add(Archive, file, 1, magic, $"{magic} archive; {scanned}", magic is "7z" or "rar" ? Severity.High : null);
                return;
            default:
                break;
        }
        if (!MediaExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
        {
            sink.Add(OtherBinary, file, 1, "binary", "binary data of unknown type");
        }
    }

    public static void InspectSymlink(SkillEntry entry, string root, FindingSink sink)
    {
        var target = entry.LinkTarget ?? string.Empty;
        var resolved = Path.GetFullPath(target, Path.GetDirectoryName(entry.FullPath) ?? root);
        var rootFull = Path.GetFullPath(root).TrimEnd('/') + "/";
        if (!(resolved.TrimEnd('/') + "/").StartsWith(rootFull, StringComparison.Ordinal))
        {
            sink.Add(SymlinkEscape, entry.RelativePath, 1, $"-> {target}", $"links to {target}, outside the skill");
        }
        else
        {
            sink.Add(Symlink, entry.RelativePath, 1, $"-> {target}", $"links to {target}");
        }
    }

    private static string? Magic(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4)
        {
            return null;
        }
        var word = BinaryPrimitives.ReadUInt32BigEndian(b);
        return word switch
        {
            0x7F454C46 => "ELF",
            0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE => "Mach-O",
            0x504B0304 or 0x504B0506 => "zip",
            0x377ABCAF => "7z",
            0x52617221 => "rar",
            _ when b[0] == 'M' && b[1] == 'Z' => "PE",
            _ when b[0] == 0x1F && b[1] == 0x8B => "gzip",
            _ when b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' => "bzip2",
            _ when b.Length >= 6 && b[..6].SequenceEqual((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]) => "xz",
            _ when b.Length >= 262 && b.Slice(257, 5).SequenceEqual("ustar"u8) => "tar",
            _ => null,
        };
    }

    /// <summary>Walks the zip's local headers: bit 0 of the flags means the entry is encrypted.</summary>
    private static void InspectZip(string file, ReadOnlySpan<byte> bytes, FindingSink sink)
    {
        var offset = 0;
        var encrypted = false;
        var names = new List<string>();
        while (offset + 30 <= bytes.Length && BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]) == 0x04034B50)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 6)..]);
            var compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 18)..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 26)..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 28)..]);
            if (offset + 30 + nameLength > bytes.Length)
            {
                break;
            }
            names.Add(System.Text.Encoding.UTF8.GetString(bytes.Slice(offset + 30, nameLength)));
            encrypted |= (flags & 1) != 0;
            // With a data descriptor (bit 3) the size is not in the header; stop walking but keep what was seen.
            if ((flags & 8) != 0 || compressed < 0)
            {
                break;
            }
            offset += 30 + nameLength + extraLength + compressed;
        }
        if (encrypted)
        {
            sink.Add(EncryptedArchive, file, 1, string.Join(", ", names.Take(5)), "password-protected zip");
        }
        var installer = names.FirstOrDefault(n => InstallerExtensions.Contains(Path.GetExtension(n).ToLowerInvariant()));
        if (installer is not null)
        {
            sink.Add(ArchivedExecutable, file, 1, installer, $"zip contains {installer}");
        }
        if (!encrypted && installer is null)
        {
            sink.Add(Archive, file, 1, string.Join(", ", names.Take(5)), $"zip archive with {names.Count} entries; its files are scanned with the skill's");
        }
    }
}
